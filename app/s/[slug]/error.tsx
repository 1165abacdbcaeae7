"use client";

import { Button } from "~/components/ui/button";

/** A public page failed to render: say so plainly and offer a retry (no internals shown). */
export default function PublicPageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center sm:px-6">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-slate-600">This page could not be loaded right now. Please try again in a moment.</p>
      <Button variant="primary" className="mt-6" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
