"use client";

import { resultHeadline } from "~/components/public/headline";
import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { VerdictBadge } from "~/components/public/verdict";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { ErrorNote } from "../page-parts";
import { ExportButtons } from "./export-buttons";
import type { PairRef } from "./pair-inspector";

function Level({ datasetId, path, level, value, onChange }: { datasetId: number; path: string[]; level: number; value: string | undefined; onChange(v: string | undefined): void }) {
  const trpc = useTRPC();
  const opts = useQuery(trpc.sources.dimensions.options.queryOptions({ datasetId, path: path.slice(0, level) }));
  if (!opts.data) return <div className="h-9 animate-pulse rounded-md bg-slate-100" />;
  const label = opts.data.leaf ? "Source" : (opts.data.dimension ?? `Level ${level + 1}`);
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <Select className="h-9" value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)} data-testid={`preview-level-${level}`}>
        <option value="">{opts.data.leaf ? "(all matching rows)" : "Choose…"}</option>
        {opts.data.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label} ({o.count})
          </option>
        ))}
      </Select>
    </label>
  );
}

/**
 * The draft Finder: the same cascade visitors get (dimension values, then optionally the source
 * row), and the targets with verdicts. Clicking a target opens it in the pair inspector.
 */
export function FinderPreview({ pageId, pageSlug, sourceDatasetId, levels, onInspect }: { pageId: number; pageSlug: string; sourceDatasetId: number; levels: number; onInspect(p: PairRef): void }) {
  const trpc = useTRPC();
  const [path, setPath] = useState<string[]>([]);
  const [resultPage, setResultPage] = useState(1);
  const result = useQuery({ ...trpc.pages.evaluate.queryOptions({ pageId, path, page: resultPage, draft: true }), placeholderData: keepPreviousData });
  const setLevel = (i: number, v: string | undefined) => {
    setPath(v === undefined ? path.slice(0, i) : [...path.slice(0, i), v]);
    setResultPage(1);
  };
  const r = result.data;
  return (
    <div className="space-y-4" data-testid="finder-preview">
      <div className="grid gap-2 sm:grid-cols-2">
        {Array.from({ length: Math.min(path.length + 1, levels + 1) }, (_, i) => (
          <Level key={i} datasetId={sourceDatasetId} path={path} level={i} value={path[i]} onChange={(v) => setLevel(i, v)} />
        ))}
      </div>
      {result.error ? <ErrorNote>{describeError(result.error)}</ErrorNote> : null}
      {r?.needsDeeperSelection ? <p className="text-sm text-slate-500">Visitors must choose at least {r.minDepth} level(s) before results show.</p> : null}
      {r && !r.needsDeeperSelection ? (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex items-center gap-2">
              <VerdictBadge verdict={r.verdict} />
              <span className="text-sm text-slate-700">{resultHeadline(r.headline, r.counts).title}</span>
            </div>
            <ExportButtons kind="evaluation" pageId={pageId} pageSlug={pageSlug} path={path} />
          </div>
          <p className="text-xs text-slate-500">
            {r.counts.compatible} compatible · {r.counts.partial} partial · {r.counts.incompatible} incompatible · {r.matchedSources} source row(s)
          </p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="preview-targets">
            {r.targets.map((t) => (
              <li key={t.key}>
                <button type="button" className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50" onClick={() => onInspect({ sourceKey: t.sourceKey, targetKey: t.key })}>
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{t.label}</span>
                    <span className="block truncate text-xs text-slate-500">
                      {t.group ? `${t.group} · ` : ""}{optionalLine(t, r.features)}{t.overridden ? " · override" : ""}
                    </span>
                  </span>
                  <VerdictBadge verdict={t.verdict} unknown={t.features.some((f) => f.status === "unknown")} />
                </button>
              </li>
            ))}
            {r.targets.length === 0 ? <li className="px-3 py-4 text-center text-sm text-slate-500">No targets to show.</li> : null}
          </ul>
          {r.totalPages > 1 ? (
            <div className="flex items-center justify-between text-xs text-slate-600">
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={r.page <= 1} onClick={() => setResultPage(r.page - 1)}>
                ← Previous
              </button>
              <span>
                Page {r.page} of {r.totalPages}
              </span>
              <button type="button" className="rounded px-2 py-1 hover:bg-slate-100 disabled:opacity-40" disabled={r.page >= r.totalPages} onClick={() => setResultPage(r.page + 1)}>
                Next →
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** "2 of 3 optional features" — the score as what it is, never a rating of the whole target. */
function optionalLine(t: { features: { ruleId: string; status: string }[] }, features: { id: string; required: boolean }[]): string {
  const optional = new Set(features.filter((f) => !f.required).map((f) => f.id));
  const met = t.features.filter((f) => optional.has(f.ruleId) && f.status === "pass").length;
  return optional.size === 0 ? "no optional features" : `${met} of ${optional.size} optional features`;
}
