import { useMemo } from "react";
import { cn } from "~/components/ui/cn";
import type { FinderResult, TargetResult } from "../types";
import { VERDICT_META, VerdictIcon, verdictKind, type VerdictKind } from "../verdict";
import { Pagination } from "./pagination";
import { TargetItem } from "./target-item";

const HEADLINE_STYLE = {
  compatible: "border-green-200 bg-green-50",
  partial: "border-amber-200 bg-amber-50",
  incompatible: "border-red-200 bg-red-50",
  unknown: "border-slate-200 bg-white",
} as const;

/**
 * A Finder result: the overall headline (the page's messaging), counts per verdict, and the
 * ranked targets of this page, in runs of the same group so the provider reads as a heading.
 */
export function ResultView({ result, onPage, busy }: { result: FinderResult; onPage(n: number): void; busy: boolean }) {
  const features = useMemo(() => new Map(result.features.map((f) => [f.id, f])), [result.features]);
  const showScore = result.features.some((f) => !f.required);
  const runs = useMemo(() => groupRuns(result.targets), [result.targets]);
  // Headings only when each group is one run (the list is sorted by group); otherwise the
  // ranking interleaves groups and each item names its own group.
  const headed = runs.length > 1 && new Set(runs.map((r) => r.group)).size === runs.length;
  const kind = result.matchedSources === 0 ? "unknown" : verdictKind(result.verdict);
  const meta = VERDICT_META[kind];
  const { counts } = result;

  return (
    <section aria-labelledby="result-headline" aria-busy={busy} className={cn("transition-opacity", busy && "opacity-60")}>
      <div className={cn("rounded-xl border p-5 sm:p-6", HEADLINE_STYLE[kind])}>
        <div className="flex items-start gap-4">
          <VerdictIcon kind={kind} className="mt-0.5 size-8" />
          <div>
            <h2 id="result-headline" className={cn("text-xl font-semibold", meta.className)}>
              {result.matchedSources === 0 ? "Nothing matches this selection" : result.headline || meta.text}
            </h2>
            {result.matchedSources > 0 && (
              <p className="mt-1 text-sm text-slate-700">
                Checked against {counts.total} {counts.total === 1 ? "target" : "targets"}
                {result.matchedSources > 1 && <> · {result.matchedSources} matching entries, each target shows its combined result</>}
              </p>
            )}
          </div>
        </div>
        {counts.total > 0 && (
          <dl className="mt-4 grid grid-cols-3 gap-2 text-center sm:max-w-md">
            <Count label="Compatible" kind="compatible" value={counts.compatible} />
            <Count label="Partial" kind="partial" value={counts.partial} />
            <Count label="Incompatible" kind="incompatible" value={counts.incompatible} />
          </dl>
        )}
      </div>

      {result.targets.length > 0 && (
        <div className="mt-6 space-y-6">
          <h2 className="sr-only">Targets</h2>
          {headed ? (
            runs.map((run) => (
              <section key={run.group ?? ""} aria-label={run.group ?? "Other"}>
                <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{run.group ?? "Other"}</h3>
                <ul className="space-y-2">
                  {run.targets.map((t) => (
                    <TargetItem key={t.key} target={t} features={features} showGroup={false} showScore={showScore} />
                  ))}
                </ul>
              </section>
            ))
          ) : (
            <ul className="space-y-2" aria-label="Targets, best first">
              {result.targets.map((t) => (
                <TargetItem key={t.key} target={t} features={features} showScore={showScore} />
              ))}
            </ul>
          )}
        </div>
      )}
      {result.matchedSources > 0 && result.targets.length === 0 && <p className="mt-6 text-sm text-slate-600">No targets to show for this selection.</p>}
      <Pagination page={result.page} totalPages={result.totalPages} onPage={onPage} busy={busy} />
    </section>
  );
}

function Count({ label, kind, value }: { label: string; kind: VerdictKind; value: number }) {
  return (
    <div className="rounded-lg bg-white/70 px-2 py-2 ring-1 ring-slate-900/5">
      <dt className="flex items-center justify-center gap-1 text-xs text-slate-600">
        <VerdictIcon kind={kind} className="size-3" />
        {label}
      </dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

/** Consecutive targets of the same group (ranking order is kept; a group may appear twice). */
function groupRuns(targets: TargetResult[]): { group: string | null; targets: TargetResult[] }[] {
  const runs: { group: string | null; targets: TargetResult[] }[] = [];
  for (const t of targets) {
    const last = runs[runs.length - 1];
    if (last && last.group === t.group) last.targets.push(t);
    else runs.push({ group: t.group, targets: [t] });
  }
  return runs;
}
