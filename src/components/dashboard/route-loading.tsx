/**
 * What a dashboard route shows while its server component loads (and, under `next dev`, while the
 * route compiles on its first visit): the page's title right away and a skeleton where the content
 * goes. Every route's `loading.tsx` renders this, so Next can prefetch it with the link.
 */
export function RouteLoading({ title, rows = 4 }: { title: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="route-loading">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-500">Loading…</p>
      </div>
      <div className="animate-pulse rounded-xl border border-slate-200 bg-white p-5 shadow-xs motion-reduce:animate-none" aria-hidden="true">
        <div className="mb-4 h-4 w-48 rounded bg-slate-200" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="mb-3 h-3 rounded bg-slate-100" style={{ width: `${90 - i * 12}%` }} />
        ))}
      </div>
    </div>
  );
}
