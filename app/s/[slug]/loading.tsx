/** Shown while a public page renders on the server (a slow first result, a cold cache). */
export default function Loading() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="animate-pulse space-y-4">
        <div className="h-8 w-2/3 rounded-md bg-slate-200" />
        <div className="h-4 w-1/2 rounded bg-slate-200/70" />
        <div className="mt-8 h-32 rounded-xl bg-slate-200/60" />
        <div className="h-24 rounded-xl bg-slate-200/40" />
      </div>
    </div>
  );
}
