"use client";

import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import type { FeatureInfo, FinderResult } from "../types";
import { useAsOf } from "../public-context";
import { useFinderDetails } from "../use-public-data";
import { FeatureStatusMark, VerdictBadge } from "../verdict";
import type { ColumnInfo } from "./finder-controls";
import { optionalMet } from "~/lib/finder-view";
import { WhatIfPanel } from "./what-if-panel";

type Target = FinderResult["targets"][number];

export function formatColumn(value: string | number | boolean | null | undefined, column: ColumnInfo): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    const n = value >= 1_000_000 && value % 1000 === 0 ? `${value / 1_000_000}M` : value >= 10_000 && value % 1000 === 0 ? `${value / 1000}k` : value.toLocaleString("en-US");
    if (!column.unit) return n;
    return column.unit.startsWith("$") ? `$${n}${column.unit.slice(1)}` : `${n} ${column.unit}`;
  }
  return value;
}

/**
 * One target of a Finder result: the verdict first, then the name and group, the optional
 * features met as "x of y" (never a bar that could read as an overall rating), the admin's
 * columns, and a disclosure with every feature in plain words — "not met" and "data missing"
 * apart — and, for a target that is not fully compatible, what would make it compatible. The
 * list comes in its first-screen form (statuses only); the words are fetched when a disclosure
 * opens (one request per selection, shared by every target), so the page's HTML stays small.
 */
export function TargetItem({
  slug,
  selection,
  target,
  features,
  columns,
}: {
  slug: string;
  selection: { path: string[]; page: number };
  target: Target & { compact?: boolean };
  features: Map<string, FeatureInfo>;
  columns: ColumnInfo[];
}) {
  const [open, setOpen] = useState(false);
  const failing = target.features.filter((f) => f.status === "fail").length;
  const unknown = target.features.filter((f) => f.status === "unknown").length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const summary =
    [failing && plural(failing, "feature not met", "features not met"), unknown && plural(unknown, "feature with data missing", "features with data missing")]
      .filter(Boolean)
      .join(" · ") || "Every feature met";
  const optional = optionalMet(target, features);
  const kind = target.verdict === 2 ? "compatible" : target.verdict === 1 ? "partial" : "incompatible";

  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-xs" data-verdict={kind} data-target={target.key}>
      <details className="group" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-2 rounded-lg p-4 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
          <VerdictBadge verdict={target.verdict} unknown={unknown > 0} className="order-first" />
          <div className="min-w-0 basis-full sm:basis-0 sm:flex-1">
            <p className="truncate font-medium text-slate-900" data-testid="target-label">
              {target.label}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              {target.group && <span>{target.group} · </span>}
              {summary}
            </p>
          </div>
          {columns.length > 0 && (
            <dl className="flex gap-4 text-xs text-slate-600">
              {columns.map((c) => (
                <div key={c.name} className="min-w-16">
                  <dt className="text-slate-500">{c.label}</dt>
                  <dd className="font-medium text-slate-900 tabular-nums">{formatColumn(target.columns?.[c.name], c)}</dd>
                </div>
              ))}
            </dl>
          )}
          {optional.total > 0 && (
            <p className="text-sm text-slate-700 tabular-nums" data-testid="optional-score" title="Optional features this target meets (the score counts them by weight)">
              {optional.met} of {optional.total} optional {optional.total === 1 ? "feature" : "features"}
            </p>
          )}
          <svg aria-hidden="true" viewBox="0 0 20 20" className="hidden size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90 sm:block">
            <path fill="currentColor" d="M7.21 14.77a.75.75 0 0 1 .02-1.06L11.17 10 7.23 6.29a.75.75 0 1 1 1.04-1.08l4.5 4.25a.75.75 0 0 1 0 1.08l-4.5 4.25a.75.75 0 0 1-1.06-.02Z" />
          </svg>
        </summary>
        {open && <TargetDetails slug={slug} selection={selection} summary={target} features={features} />}
      </details>
    </li>
  );
}

/** A target's breakdown: its full result from the selection's full answer (fetched on first open). */
function TargetDetails({ slug, selection, summary, features }: { slug: string; selection: { path: string[]; page: number }; summary: Target & { compact?: boolean }; features: Map<string, FeatureInfo> }) {
  const details = useFinderDetails(slug, selection.path, selection.page, summary.compact === true);
  // A past revision is read-only: "what would make it compatible" speaks of the live rules.
  const asOf = useAsOf();
  const target = summary.compact ? details.data?.targets.find((t) => t.key === summary.key && t.sourceKey === summary.sourceKey) : summary;
  if (!target) {
    return (
      <div className="border-t border-slate-100 px-4 pt-3 pb-4 text-sm text-slate-500" aria-busy={!details.isError}>
        {details.isError ? "The details could not be loaded. Close and open again to retry." : "Loading the details…"}
      </div>
    );
  }
  return (
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
              <li key={f.ruleId} className="flex gap-3 text-sm" data-status={f.status}>
                <FeatureStatusMark status={f.status} />
                <div className="min-w-0">
                  <p className="text-slate-900">
                    {info?.name ?? f.ruleId}
                    {info?.required && (
                      <Badge className="ml-2 align-middle" tone="neutral">
                        Required
                      </Badge>
                    )}
                    {f.status === "fail" && <span className="ml-2 text-xs font-medium text-bad">Not met</span>}
                    {f.status === "unknown" && <span className="ml-2 text-xs font-medium text-unknown">Data missing</span>}
                  </p>
                  {f.status !== "pass" && (f.sentence || f.explanation) && <p className="mt-0.5 text-xs break-words text-slate-600">{f.sentence ?? f.explanation?.text}</p>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {target.verdict < 2 && asOf === undefined && <WhatIfPanel slug={slug} sourceKey={target.sourceKey} target={target} features={features} />}
    </div>
  );
}
