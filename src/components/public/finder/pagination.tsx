import { Button } from "~/components/ui/button";

/** "Page n of m" with previous/next; hidden when everything fits on one page. */
export function Pagination({ page, totalPages, onPage, busy }: { page: number; totalPages: number; onPage(n: number): void; busy?: boolean }) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Result pages" className="mt-6 flex items-center justify-between gap-3">
      <Button onClick={() => onPage(page - 1)} disabled={page <= 1 || busy}>
        <span aria-hidden="true">←</span> Previous
      </Button>
      <p className="text-sm text-slate-600" aria-live="polite">
        Page <span className="font-semibold text-slate-900">{page}</span> of <span className="font-semibold text-slate-900">{totalPages}</span>
      </p>
      <Button onClick={() => onPage(page + 1)} disabled={page >= totalPages || busy}>
        Next <span aria-hidden="true">→</span>
      </Button>
    </nav>
  );
}
