"use client";

import { useQuery } from "@tanstack/react-query";
import { VERDICT_META, verdictKind } from "~/components/public/verdict";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { ErrorNote } from "../page-parts";
import { ExportButtons } from "./export-buttons";
import type { PairRef } from "./pair-inspector";

const cellClass = { 2: "bg-green-500", 1: "bg-amber-400", 0: "bg-red-500" } as const;

/**
 * The draft Matrix, compact: the first 50 sources × every target as coloured cells (words in
 * each cell's label), grouped as the page groups them. A cell opens the pair inspector.
 */
export function MatrixPreview({ pageId, pageSlug, onInspect }: { pageId: number; pageSlug: string; onInspect(p: PairRef): void }) {
  const trpc = useTRPC();
  const m = useQuery(trpc.pages.matrix.queryOptions({ pageId, rowOffset: 0, rowLimit: 50, draft: true }));
  if (m.error) return <ErrorNote>{describeError(m.error)}</ErrorNote>;
  if (!m.data) return <div className="h-48 animate-pulse rounded-lg bg-slate-100" />;
  const labels = new Map(m.data.targets.map((t) => [t.key, t.label]));
  const targets = m.data.groups.flatMap((g) => g.targetKeys.map((key, i) => ({ key, label: labels.get(key) ?? key, group: g.name, first: i === 0 })));
  return (
    <div className="space-y-3" data-testid="matrix-preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-500">
          {Math.min(m.data.rows.length, m.data.totalRows)} of {m.data.totalRows} sources × {m.data.totalTargets} targets
        </p>
        <ExportButtons kind="matrix" pageId={pageId} pageSlug={pageSlug} />
      </div>
      <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200">
        <table className="border-separate border-spacing-0 text-xs">
          <thead className="sticky top-0 z-10 bg-white">
            {m.data.groups.some((g) => g.name) ? (
              <tr>
                <th className="sticky left-0 z-20 bg-white" />
                {m.data.groups.map((g) => (
                  <th key={g.name} colSpan={g.targetKeys.length} scope="colgroup" className="border-l border-slate-200 px-1 pt-1 text-left text-[11px] font-semibold text-slate-700" title={g.name || "(no group)"} data-testid="matrix-preview-group">
                    {/* The name widens its columns up to 10rem: `max-w-0` cut one-column groups to "G…". */}
                    <span className="block max-w-40 truncate">{g.name || "—"}</span>
                  </th>
                ))}
              </tr>
            ) : null}
            <tr>
              <th className="sticky left-0 z-20 bg-white px-2 py-1" />
              {targets.map((t) => (
                <th key={t.key} className={cn("h-28 w-6 align-bottom font-normal", t.first && "border-l border-slate-200")} title={`${t.group ? `${t.group} / ` : ""}${t.label}`}>
                  <span className="inline-block max-h-28 truncate text-[11px] text-slate-600 [writing-mode:vertical-rl] rotate-180">{t.label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.data.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="sticky left-0 max-w-40 truncate bg-white px-2 py-0.5 text-left font-medium" title={row.label}>
                  {row.label}
                </th>
                {row.cells.map((c, i) => {
                  const t = targets[i]!;
                  const words = `${row.label} × ${t.label}: ${VERDICT_META[verdictKind(c.v)].text}${c.o ? " (override)" : ""}${c.u ? ", data missing" : ""}`;
                  return (
                    <td key={t.key} className={cn("p-0.5", t.first && "border-l border-slate-200")}>
                      <button
                        type="button"
                        aria-label={words}
                        title={words}
                        onClick={() => onInspect({ sourceKey: row.key, targetKey: t.key })}
                        className={cn("block size-5 rounded-sm hover:ring-2 hover:ring-slate-900", cellClass[c.v as 0 | 1 | 2], c.u && "opacity-60", c.o && "ring-2 ring-indigo-500 ring-inset")}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="flex flex-wrap gap-3 text-xs text-slate-600">
        <span className="flex items-center gap-1"><span className="size-3 rounded-sm bg-green-500" /> compatible</span>
        <span className="flex items-center gap-1"><span className="size-3 rounded-sm bg-amber-400" /> partial</span>
        <span className="flex items-center gap-1"><span className="size-3 rounded-sm bg-red-500" /> incompatible</span>
        <span className="flex items-center gap-1"><span className="size-3 rounded-sm bg-slate-300 ring-2 ring-indigo-500 ring-inset" /> override</span>
      </p>
    </div>
  );
}
