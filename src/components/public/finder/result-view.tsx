"use client";

import { useMemo } from "react";
import { cn } from "~/components/ui/cn";
import { resultHeadline } from "../headline";
import type { FinderResult, PublicPageInfo } from "../types";
import { VERDICT_META, VerdictIcon, verdictKind, type VerdictKind } from "../verdict";
import { FinderControls } from "./finder-controls";
import { Pagination } from "./pagination";
import { TargetItem } from "./target-item";
import { applyView, isDefaultView, type FinderView } from "~/lib/finder-view";

const HEADLINE_STYLE = {
  compatible: "border-green-200 bg-green-50",
  partial: "border-amber-200 bg-amber-50",
  incompatible: "border-red-200 bg-red-50",
  unknown: "border-slate-200 bg-white",
} as const;

/**
 * Targets in the server's HTML: a first screen and more. The rest render right after hydration
 * from the data already on the page, so the HTML of a long result stays small (docs/read-path.md).
 */
export const FIRST_SCREEN_TARGETS = 12;

/**
 * A Finder result: a headline computed from the counts (the page's messaging is a template over
 * them), the counts per verdict, the visitor's controls, and the targets ranked by verdict, score
 * and name — each naming its group, since grouping is a view and not the ranking.
 */
export function ResultView({
  result,
  page,
  view,
  onView,
  onPage,
  busy,
  selection,
  firstScreenOnly,
}: {
  result: FinderResult & { compact?: boolean };
  selection: { path: string[]; page: number };
  /** Before hydration: only the first {@link FIRST_SCREEN_TARGETS} targets. */
  firstScreenOnly: boolean;
  page: Pick<PublicPageInfo, "slug" | "columns" | "groupLabel">;
  view: FinderView;
  onView(patch: Partial<FinderView>, replace?: boolean): void;
  onPage(n: number): void;
  busy: boolean;
}) {
  const features = useMemo(() => new Map(result.features.map((f) => [f.id, f])), [result.features]);
  const groups = useMemo(() => [...new Set(result.targets.flatMap((t) => (t.group ? [t.group] : [])))].sort((a, b) => a.localeCompare(b)), [result.targets]);
  const shown = useMemo(() => applyView(result.targets, view), [result.targets, view]);
  const kind = result.matchedSources === 0 ? "unknown" : verdictKind(result.verdict);
  const { counts } = result;
  const headline = resultHeadline(result.headline, counts);

  return (
    <section aria-labelledby="result-headline" aria-busy={busy} className={cn("transition-opacity", busy && "opacity-60")}>
      <div className={cn("rounded-xl border p-5 sm:p-6", HEADLINE_STYLE[kind])}>
        <div className="flex items-start gap-4">
          <VerdictIcon kind={kind} className="mt-0.5 size-8" />
          <div>
            <h2 id="result-headline" className={cn("text-xl font-semibold", VERDICT_META[kind].className)}>
              {result.matchedSources === 0 ? "Nothing matches this selection" : headline.title}
            </h2>
            {result.matchedSources > 0 && (
              <p className="mt-1 text-sm text-slate-700">
                {headline.subtitle && <span data-testid="headline-subtitle">{headline.subtitle} · </span>}
                Checked against {counts.total} {counts.total === 1 ? "target" : "targets"}
                {result.matchedSources > 1 && <> · {result.matchedSources} matching entries, each target shows its combined result</>}
              </p>
            )}
          </div>
        </div>
        {counts.total > 0 && (
          <dl className="mt-4 grid grid-cols-3 gap-2 text-center sm:max-w-md" aria-label="Results by verdict">
            <Count label="Compatible" kind="compatible" value={counts.compatible} />
            <Count label="Partial" kind="partial" value={counts.partial} />
            <Count label="Incompatible" kind="incompatible" value={counts.incompatible} />
          </dl>
        )}
      </div>

      {result.targets.length > 0 && (
        <div className="mt-6 space-y-3">
          <FinderControls view={view} onView={onView} groups={groups} groupLabel={page.groupLabel} features={result.features} columns={page.columns} />
          <p className="text-sm text-slate-600" aria-live="polite" data-testid="shown-count">
            {isDefaultView(view) ? `${shown.length} ${shown.length === 1 ? "result" : "results"}, best match first` : `${shown.length} of ${result.targets.length} shown`}
            {result.totalPages > 1 && " on this page (sorting and filters apply to the page shown)"}
            {!isDefaultView(view) && (
              <>
                {" · "}
                <button type="button" className="font-medium text-indigo-700 underline underline-offset-2" onClick={() => onView({ sort: "best", show: "all", group: null, feature: null, q: "" })}>
                  Reset view
                </button>
              </>
            )}
          </p>
          <h2 className="sr-only">Targets</h2>
          <ul className="space-y-2" aria-label="Targets, best match first">
            {(firstScreenOnly ? shown.slice(0, FIRST_SCREEN_TARGETS) : shown).map((t) => (
              <TargetItem key={t.key} slug={page.slug} selection={selection} target={result.compact ? { ...t, compact: true } : t} features={features} columns={page.columns} />
            ))}
          </ul>
          {shown.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">Nothing on this page matches these filters.</p>}
        </div>
      )}
      {result.matchedSources > 0 && result.targets.length === 0 && <p className="mt-6 text-sm text-slate-600">No targets to show for this selection.</p>}
      <Pagination page={result.page} totalPages={result.totalPages} onPage={onPage} busy={busy} />
    </section>
  );
}

function Count({ label, kind, value }: { label: string; kind: VerdictKind; value: number }) {
  return (
    <div className="rounded-lg bg-white/70 px-2 py-2 ring-1 ring-slate-900/5" data-count={kind}>
      <dt className="flex items-center justify-center gap-1 text-xs text-slate-600">
        <VerdictIcon kind={kind} className="size-3" />
        {label}
      </dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
