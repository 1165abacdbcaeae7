"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "~/components/ui/button";
import type { MatrixSlice } from "../types";
import { VERDICT_META, VerdictIcon, type VerdictKind } from "../verdict";
import { buildColumns, rowFilterActive, rowMatches } from "./columns";
import { MatrixFilters, type FilterState } from "./matrix-filters";
import { MatrixGrid } from "./matrix-grid";
import { useMatrixRows } from "./use-matrix-rows";
import { useMatrixView } from "./use-matrix-view";

/**
 * The Matrix template: every source against every target, columns grouped by the page's group
 * field. Starts from the server-rendered first slice and fetches more rows as they scroll in;
 * row filters need every row, so turning one on loads the rest in the background.
 */
export function Matrix({ slug, first, sourceNoun = "Source", targetNoun = "Target" }: { slug: string; first: MatrixSlice; sourceNoun?: string; targetNoun?: string }) {
  const data = useMatrixRows(slug, first);
  const { groups, features: featureList, targets } = data.layout;
  const [filter, setUrlFilter] = useMatrixView();
  // Typing stays instant; the URL follows.
  const [typed, setTyped] = useState<FilterState>(filter);
  useEffect(() => setTyped(filter), [filter]);
  const setFilter = useCallback((next: FilterState) => {
    setTyped(next);
    setUrlFilter(next);
  }, [setUrlFilter]);

  const features = useMemo(() => new Map(featureList.map((f) => [f.id, f])), [featureList]);
  const labels = useMemo(() => new Map((targets ?? []).map((t) => [t.key, t.label])), [targets]);
  const { columns, spans } = useMemo(() => buildColumns(groups, labels, typed.group, typed.columnQuery), [groups, labels, typed.group, typed.columnQuery]);

  const filtering = rowFilterActive(typed);
  const { loadAll } = data;
  useEffect(() => {
    if (filtering) loadAll();
  }, [filtering, loadAll]);

  const order = useMemo(() => {
    if (!filtering) return Array.from({ length: data.totalRows }, (_, i) => i);
    const out: number[] = [];
    data.rows.forEach((row, i) => row && rowMatches(row, columns, typed) && out.push(i));
    return out;
    // `data.loaded` changes as slices arrive; the rows array itself is mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtering, typed, columns, data.totalRows, data.loaded]);

  const { ensure } = data;
  const onRange = useCallback((from: number, to: number) => ensure(from, to), [ensure]);
  const stillLoading = filtering && data.loaded < data.totalRows;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <MatrixFilters value={typed} onChange={setFilter} groups={groups.map((g) => g.name)} features={featureList} />
        <Legend />
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">
        {filtering ? (
          <>
            <span className="font-medium text-slate-900">{order.length.toLocaleString()}</span> of {data.totalRows.toLocaleString()} rows match
            {stillLoading && <> · checking {data.loaded.toLocaleString()} of {data.totalRows.toLocaleString()}…</>}
          </>
        ) : (
          <>
            {data.totalRows.toLocaleString()} {data.totalRows === 1 ? "row" : "rows"} × {columns.length.toLocaleString()} {columns.length === 1 ? "column" : "columns"}
          </>
        )}
        <span className="hidden sm:inline"> · Hover or focus a cell for details; use the arrow keys to move.</span>
      </p>
      {data.failed && (
        <div role="alert" className="flex items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-2 text-sm text-bad">
          Some rows could not be loaded.
          <Button size="sm" onClick={data.retry}>
            Retry
          </Button>
        </div>
      )}
      {data.totalRows === 0 || columns.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Nothing to show yet.</p>
      ) : order.length === 0 && !stillLoading ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No rows match these filters.</p>
      ) : (
        <MatrixGrid
          columns={columns}
          spans={spans}
          order={order}
          rows={data.rows}
          features={features}
          highlight={typed.feature}
          cornerLabel={`${sourceNoun} ↓ · ${targetNoun} →`}
          onRange={onRange}
        />
      )}
    </div>
  );
}

const LEGEND: VerdictKind[] = ["compatible", "partial", "incompatible", "unknown"];

function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      {LEGEND.map((k) => (
        <li key={k} className="flex items-center gap-1.5">
          <VerdictIcon kind={k} className="size-4" />
          {VERDICT_META[k].text}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="size-1.5 rounded-full bg-indigo-500" />
        Set by the publisher
      </li>
    </ul>
  );
}
