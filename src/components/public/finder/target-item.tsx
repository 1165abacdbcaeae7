import { Badge } from "~/components/ui/badge";
import type { FeatureInfo, TargetResult } from "../types";
import { FeatureStatusMark, VerdictBadge } from "../verdict";

/** Score as a whole percentage; engines give 0..1. */
export function formatScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/**
 * One target of a Finder result: verdict (icon + text), score, group, override note, and a
 * disclosure (`<details>`, keyboard-operable without script) with every feature's status and
 * the explanation of each failure.
 */
export function TargetItem({
  target,
  features,
  showGroup = true,
  showScore = true,
}: {
  target: TargetResult;
  features: Map<string, FeatureInfo>;
  showGroup?: boolean;
  /** Off when every rule is required: the score (share of optional features met) would always read 100%. */
  showScore?: boolean;
}) {
  const failing = target.features.filter((f) => f.status === "fail").length;
  const unknown = target.features.filter((f) => f.status === "unknown").length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const summary =
    [failing && plural(failing, "feature not met", "features not met"), unknown && plural(unknown, "feature not checked (data missing)", "features not checked (data missing)")]
      .filter(Boolean)
      .join(" · ") || "Every feature met";

  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-2 rounded-lg p-4 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          {/* Phones: name on its own line, score and verdict below; wider: one line. */}
          <div className="min-w-0 basis-full sm:basis-0 sm:flex-1">
            <p className="truncate font-medium text-slate-900">{target.label}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              {showGroup && target.group && <span>{target.group} · </span>}
              {summary}
            </p>
          </div>
          {showScore && <ScoreBar score={target.score} />}
          <VerdictBadge verdict={target.verdict} unknown={unknown > 0} />
          <svg aria-hidden="true" viewBox="0 0 20 20" className="hidden size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90 sm:block">
            <path fill="currentColor" d="M7.21 14.77a.75.75 0 0 1 .02-1.06L11.17 10 7.23 6.29a.75.75 0 1 1 1.04-1.08l4.5 4.25a.75.75 0 0 1 0 1.08l-4.5 4.25a.75.75 0 0 1-1.06-.02Z" />
          </svg>
        </summary>
        <div className="border-t border-slate-100 px-4 pt-3 pb-4">
          {target.overridden && (
            <div className="mb-3 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
              <span className="font-medium">Verdict set by the publisher.</span>
              {target.note && <span> {target.note}</span>}
            </div>
          )}
          {target.features.length === 0 ? (
            <p className="text-sm text-slate-500">This page has no feature rules.</p>
          ) : (
            <ul className="space-y-2" aria-label={`Features of ${target.label}`}>
              {target.features.map((f) => {
                const info = features.get(f.ruleId);
                return (
                  <li key={f.ruleId} className="flex gap-3 text-sm">
                    <FeatureStatusMark status={f.status} />
                    <div className="min-w-0">
                      <p className="text-slate-900">
                        {info?.name ?? f.ruleId}
                        {info?.required && (
                          <Badge className="ml-2 align-middle" tone="neutral">
                            Required
                          </Badge>
                        )}
                      </p>
                      {f.status !== "pass" && f.explanation && <p className="mt-0.5 text-xs break-words text-slate-600">{f.explanation.text}</p>}
                      {f.status === "unknown" && !f.explanation && <p className="mt-0.5 text-xs text-slate-600">Could not be checked: data is missing.</p>}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </details>
    </li>
  );
}

/** Score as text plus a small bar; the text carries the meaning, the bar is decoration. */
export function ScoreBar({ score }: { score: number }) {
  const pct = Math.max(0, Math.min(100, Math.round(score * 100)));
  return (
    <div className="flex w-28 items-center gap-2" title="Score: share of optional features met, by weight">
      <div aria-hidden="true" className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200">
        <div className="h-full rounded-full bg-indigo-500" style={{ width: `${pct}%` }} />
      </div>
      <span className="w-10 text-right text-sm text-slate-700 tabular-nums">
        <span className="sr-only">Score </span>
        {formatScore(score)}
      </span>
    </div>
  );
}
