"use client";

import type { VirtualItem } from "@tanstack/react-virtual";
import { memo } from "react";
import { cn } from "~/components/ui/cn";
import type { FeatureInfo, MatrixCell, MatrixRow } from "../types";
import { VerdictIcon } from "../verdict";
import { cellKind, cellSentence, type Column } from "./columns";

export const COL_W = 40;
export const ROW_H = 36;

/** Cells are immutable server data: their labels are built once, whatever the scrolling. */
const labels = new WeakMap<MatrixCell, string>();
function cellLabel(cell: MatrixCell, row: MatrixRow, col: Column, features: Map<string, FeatureInfo>): string {
  let label = labels.get(cell);
  if (label === undefined) {
    label = cellSentence({ source: row.label, target: col.label }, cell, features);
    labels.set(cell, label);
  }
  return label;
}

export interface RowProps {
  index: number;
  start: number;
  row: MatrixRow | undefined;
  columns: Column[];
  vCols: VirtualItem[];
  labelW: number;
  colsW: number;
  /** Column index of the active cell when it is in this row, else -1. */
  activeCol: number;
  highlight: string | null;
  features: Map<string, FeatureInfo>;
  cellId(r: number, c: number): string;
}

/**
 * One grid row: the sticky source name and the cells of the visible columns. Memoised, so a
 * vertical scroll renders only the rows that came into view.
 */
export const MatrixGridRow = memo(function MatrixGridRow({ index, start, row, columns, vCols, labelW, colsW, activeCol, highlight, features, cellId }: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 3}
      className="absolute top-0 left-0 flex border-b border-slate-100 hover:bg-slate-50/70"
      style={{ height: ROW_H, width: labelW + colsW, transform: `translateY(${start}px)` }}
    >
      <div
        role="rowheader"
        aria-colindex={1}
        className="sticky left-0 z-10 flex items-center border-r border-slate-200 bg-white px-3 text-sm text-slate-800"
        style={{ width: labelW, minWidth: labelW }}
        title={row?.label}
      >
        {row ? <span className="truncate">{row.label}</span> : <span className="h-3 w-3/4 animate-pulse rounded bg-slate-200" aria-label="Loading" />}
      </div>
      <div className="relative" style={{ width: colsW }}>
        {row &&
          vCols.map((vc) => {
            const col = columns[vc.index]!;
            const cell = row.cells[col.cell];
            if (!cell) return null;
            const kind = cellKind(cell);
            return (
              <div
                key={col.key}
                id={cellId(index, vc.index)}
                role="gridcell"
                aria-colindex={vc.index + 2}
                aria-label={cellLabel(cell, row, col, features)}
                data-cell={`${index}:${vc.index}`}
                className={cn(
                  "absolute top-0 flex h-full cursor-default items-center justify-center",
                  kind === "unknown" && (cell.v === 0 ? "bg-red-50/60" : "bg-amber-50/60"),
                  activeCol === vc.index && "z-[5] ring-2 ring-indigo-600 ring-inset",
                  highlight !== null && !cell.f.includes(highlight) && "opacity-25",
                )}
                style={{ left: vc.start - labelW, width: vc.size }}
              >
                <VerdictIcon kind={kind} className="size-[18px]" />
                {cell.o && <span aria-hidden="true" className="absolute top-1 right-1 size-1.5 rounded-full bg-indigo-500" />}
              </div>
            );
          })}
      </div>
    </div>
  );
});
