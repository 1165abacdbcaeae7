"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { TooltipBubble, type Anchor } from "~/components/ui/tooltip";
import { cn } from "~/components/ui/cn";
import type { FeatureInfo, MatrixRow } from "../types";
import { VerdictIcon } from "../verdict";
import { describeCell, type Column, type GroupSpan } from "./columns";
import { COL_W, MatrixGridRow, ROW_H } from "./matrix-row";
import { useMedia } from "./use-media";

const GROUP_H = 32;
const NAME_H = 128;
const HEADER_H = GROUP_H + NAME_H;

export interface MatrixGridProps {
  columns: Column[];
  spans: GroupSpan[];
  /** Row indices into `rows` to show, in order. */
  order: number[];
  rows: (MatrixRow | undefined)[];
  features: Map<string, FeatureInfo>;
  /** Cells failing this feature stay bright; the others fade. */
  highlight: string | null;
  cornerLabel: string;
  onRange(from: number, to: number): void;
}

/**
 * The sources × targets grid, virtualised both ways: only the cells in view (plus overscan) are
 * in the DOM, so 1,000 × 1,000 scrolls like 10 × 10. Headers stick to the top, source names to
 * the left. One tab stop; arrow keys, Home/End and PageUp/PageDown move the active cell, whose
 * verdict and failing features show in a single shared tooltip (also on hover and tap).
 */
export function MatrixGrid({ columns, spans, order, rows, features, highlight, cornerLabel, onRange }: MatrixGridProps) {
  const id = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const wide = useMedia("(min-width: 640px)");
  const labelW = wide ? 240 : 132;

  // Offsets include the margins (header above, names left), so positions subtract them again.
  const rowV = useVirtualizer({ count: order.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 10, scrollMargin: HEADER_H, scrollPaddingStart: HEADER_H });
  // A group of one column gets a column wide enough for its name (a 40 px header would read "G…").
  const { widths, offsets } = useMemo(() => {
    const w = new Array<number>(columns.length).fill(COL_W);
    for (const sp of spans) if (sp.count === 1) w[sp.start] = Math.min(140, Math.max(COL_W, (sp.name || "Other").length * 7 + 20));
    const o = [0];
    for (const x of w) o.push(o[o.length - 1]! + x);
    return { widths: w, offsets: o };
  }, [columns.length, spans]);
  const colV = useVirtualizer({ horizontal: true, count: columns.length, getScrollElement: () => scroller.current, estimateSize: (i) => widths[i] ?? COL_W, overscan: 6, scrollMargin: labelW, scrollPaddingStart: labelW });
  useEffect(() => colV.measure(), [colV, widths]);
  const vRows = rowV.getVirtualItems();
  const vCols = colV.getVirtualItems();
  const colsW = colV.getTotalSize();

  const first = vRows[0]?.index ?? 0;
  const last = vRows[vRows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last < 0) return;
    onRange(order[first] ?? 0, order[last] ?? 0);
  }, [first, last, order, onRange]);

  const [active, setActive] = useState<{ r: number; c: number } | null>(null);
  const [tip, setTip] = useState<{ r: number; c: number; anchor: Anchor } | null>(null);
  const cellId = useCallback((r: number, c: number) => `${id}-${r}-${c}`, [id]);

  // Keep the active cell valid when filters change the shape.
  useEffect(() => {
    if (active && (active.r >= order.length || active.c >= columns.length)) setActive(null);
  }, [active, order.length, columns.length]);

  const showTipFor = (r: number, c: number) => {
    const el = document.getElementById(cellId(r, c));
    if (!el) return setTip(null);
    const b = el.getBoundingClientRect();
    setTip({ r, c, anchor: { top: b.top, left: b.left, bottom: b.bottom, width: b.width } });
  };

  function move(r: number, c: number) {
    const nr = Math.max(0, Math.min(order.length - 1, r));
    const nc = Math.max(0, Math.min(columns.length - 1, c));
    setActive({ r: nr, c: nc });
    rowV.scrollToIndex(nr);
    colV.scrollToIndex(nc);
    // After the virtualisers render the cell, point the tooltip at it.
    requestAnimationFrame(() => requestAnimationFrame(() => showTipFor(nr, nc)));
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (order.length === 0 || columns.length === 0) return;
    const a = active ?? { r: 0, c: 0 };
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_H) - 5);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(a.r + 1, a.c),
      ArrowUp: () => move(a.r - 1, a.c),
      ArrowRight: () => move(a.r, a.c + 1),
      ArrowLeft: () => move(a.r, a.c - 1),
      PageDown: () => move(a.r + page, a.c),
      PageUp: () => move(a.r - page, a.c),
      Home: () => (e.ctrlKey ? move(0, 0) : move(a.r, 0)),
      End: () => (e.ctrlKey ? move(order.length - 1, columns.length - 1) : move(a.r, columns.length - 1)),
      Escape: () => setTip(null),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  }

  const tipContent = useMemo(() => {
    if (!tip) return null;
    const row = rows[order[tip.r] ?? -1];
    const col = columns[tip.c];
    const cell = row && col ? row.cells[col.cell] : undefined;
    if (!row || !col || !cell) return null;
    const d = describeCell(cell, features, { source: row.label, target: col.label });
    return (
      <>
        <p className="font-semibold">
          {row.label} × {col.label}
        </p>
        <p className="mt-0.5 flex items-center gap-1.5">
          <VerdictIcon kind={d.kind} className="size-3.5" /> {d.verdict}
        </p>
        <FeatureList title="Not met" names={d.notMet} />
        <FeatureList title="Data missing" names={d.missing} />
        <FeatureList title="Not met or data missing" names={d.unsure} />
        {d.notes.map((n) => (
          <p key={n} className="mt-1 text-slate-300">
            {n}
          </p>
        ))}
      </>
    );
  }, [tip, rows, order, columns, features]);

  const firstCol = vCols[0]?.index ?? 0;
  const lastCol = vCols[vCols.length - 1]?.index ?? -1;
  const visibleSpans = spans.filter((s) => s.start <= lastCol && s.start + s.count > firstCol);

  return (
    <div className="relative">
      <div
        ref={scroller}
        role="grid"
        tabIndex={0}
        aria-label="Compatibility matrix"
        aria-rowcount={order.length + 2}
        aria-colcount={columns.length + 1}
        aria-activedescendant={active ? cellId(active.r, active.c) : undefined}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.target === e.currentTarget && !active && order.length > 0 && columns.length > 0 && move(0, 0)}
        onBlur={() => setTip(null)}
        onScroll={() => tip && showTipFor(tip.r, tip.c)}
        onMouseLeave={() => setTip(null)}
        onMouseOver={(e) => {
          const el = (e.target as HTMLElement).closest<HTMLElement>("[data-cell]");
          if (!el) return;
          const [r, c] = el.dataset.cell!.split(":").map(Number) as [number, number];
          if (tip?.r !== r || tip?.c !== c) showTipFor(r, c);
        }}
        onClick={(e) => {
          const el = (e.target as HTMLElement).closest<HTMLElement>("[data-cell]");
          if (!el) return;
          const [r, c] = el.dataset.cell!.split(":").map(Number) as [number, number];
          setActive({ r, c });
          showTipFor(r, c);
        }}
        className="h-[min(70vh,48rem)] min-h-80 overflow-auto overscroll-contain rounded-xl border border-slate-200 bg-white shadow-xs focus-visible:outline-offset-0"
        // A few columns (a group filter) should not leave a wide empty box.
        style={{ maxWidth: labelW + colsW + 2 }}
      >
        <div style={{ width: labelW + colsW, height: HEADER_H + rowV.getTotalSize() }} className="relative">
          {/* Header: two rows, stuck to the top; its corner also sticks to the left. */}
          <div role="rowgroup" className="sticky top-0 z-20 bg-white" style={{ width: labelW + colsW }}>
            <div role="row" aria-rowindex={1} className="flex" style={{ height: GROUP_H }}>
              <div role="columnheader" aria-colindex={1} className="sticky left-0 z-30 border-r border-b border-slate-200 bg-white" style={{ width: labelW, minWidth: labelW }}>
                <span className="sr-only">Groups</span>
              </div>
              <div className="relative border-b border-slate-200" style={{ width: colsW }}>
                {visibleSpans.map((s) => (
                  <div
                    key={`${s.name}-${s.start}`}
                    role="columnheader"
                    aria-colindex={s.start + 2}
                    aria-colspan={s.count}
                    className="absolute top-0 flex h-full items-center border-l border-slate-200 bg-slate-50 text-xs font-semibold text-slate-700"
                    style={{ left: offsets[s.start], width: offsets[s.start + s.count]! - offsets[s.start]! }}
                  >
                    <span className="sticky truncate px-2" style={{ left: labelW }} title={s.name || "Other"}>
                      {s.name || "Other"}
                    </span>
                  </div>
                ))}
              </div>
            </div>
            <div role="row" aria-rowindex={2} className="flex" style={{ height: NAME_H }}>
              <div
                role="columnheader"
                aria-colindex={1}
                className="sticky left-0 z-30 flex items-end border-r border-b border-slate-200 bg-white px-3 pb-2 text-xs font-medium text-slate-500"
                style={{ width: labelW, minWidth: labelW }}
              >
                {cornerLabel}
              </div>
              <div className="relative border-b border-slate-200" style={{ width: colsW }}>
                {vCols.map((vc) => {
                  const col = columns[vc.index]!;
                  const groupStart = spans.some((s) => s.start === vc.index);
                  return (
                    <div
                      key={col.key}
                      role="columnheader"
                      aria-colindex={vc.index + 2}
                      title={col.label}
                      className={cn("absolute top-0 flex h-full items-end justify-center pb-2", groupStart && "border-l border-slate-200")}
                      style={{ left: vc.start - labelW, width: vc.size }}
                    >
                      <span className="max-h-[7.25rem] truncate text-xs text-slate-700 [writing-mode:vertical-rl] rotate-180">{col.label}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          </div>

          <div role="rowgroup" className="relative" style={{ height: rowV.getTotalSize() }}>
            {vRows.map((vr) => (
              <MatrixGridRow
                key={vr.key}
                index={vr.index}
                start={vr.start - HEADER_H}
                row={rows[order[vr.index]!]}
                columns={columns}
                vCols={vCols}
                labelW={labelW}
                colsW={colsW}
                activeCol={active?.r === vr.index ? active.c : -1}
                highlight={highlight}
                features={features}
                cellId={cellId}
              />
            ))}
          </div>
        </div>
      </div>
      <TooltipBubble anchor={tip?.anchor ?? null}>{tipContent}</TooltipBubble>
    </div>
  );
}

function FeatureList({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <div className="mt-1.5">
      <p className="text-slate-300">{title}:</p>
      <ul className="list-disc pl-4">
        {names.slice(0, 8).map((name) => (
          <li key={name}>{name}</li>
        ))}
        {names.length > 8 && <li>and {names.length - 8} more</li>}
      </ul>
    </div>
  );
}
