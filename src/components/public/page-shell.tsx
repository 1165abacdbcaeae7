import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "~/components/ui/cn";

/**
 * The frame of every public page: who publishes it, the page title, and room for the tool.
 * `wide` lets the Matrix use the whole viewport.
 */
export function PageShell({
  orgName,
  homeHref,
  title,
  description,
  wide = false,
  children,
}: {
  orgName?: string | null;
  homeHref: string;
  title: string;
  description?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const width = wide ? "max-w-[min(100%,96rem)]" : "max-w-4xl";
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className={cn("mx-auto flex h-14 items-center justify-between px-4 sm:px-6", width)}>
          <Link href={homeHref} className="flex items-center gap-2 rounded-sm text-sm font-semibold text-slate-900">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-600 text-xs font-bold text-white">
              {(orgName ?? "?").slice(0, 1).toUpperCase()}
            </span>
            {orgName ?? "Compatibility"}
          </Link>
        </div>
      </header>
      <main id="main" className={cn("mx-auto w-full flex-1 px-4 py-6 sm:px-6 sm:py-10", width)}>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
        {description && <p className="mt-2 max-w-2xl text-slate-600">{description}</p>}
        <div className="mt-6 sm:mt-8">{children}</div>
      </main>
      <footer className="border-t border-slate-200 py-6 text-center text-xs text-slate-500">Compatibility data published with Compat</footer>
    </div>
  );
}
