"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { MatrixRow, MatrixSlice } from "../types";
import { useMatrixSliceFetcher } from "../use-public-data";

/** Slices in flight at once: enough to keep up with a fling, few enough for the rate limit. */
const MAX_IN_FLIGHT = 3;

export interface MatrixRows {
  /** Sparse: `undefined` until its slice arrives. */
  rows: (MatrixRow | undefined)[];
  totalRows: number;
  loaded: number;
  layout: Pick<MatrixSlice, "groups" | "features" | "targets">;
  failed: boolean;
  /** Asks for the slices covering rows `from..to` (inclusive). */
  ensure(from: number, to: number): void;
  /** Fetches every slice in the background (filters need all rows). */
  loadAll(): void;
  retry(): void;
}

/**
 * Rows of the Matrix, fetched in slices as they come into view. Slices are aligned to the size
 * the server actually returned for the first one (it shrinks slices for wide matrices), so
 * repeated visits ask for the same `(rowOffset, rowLimit)` and hit the result cache.
 */
export function useMatrixRows(slug: string, first: MatrixSlice): MatrixRows {
  const fetchSlice = useMatrixSliceFetcher(slug);
  const chunk = Math.max(1, first.rows.length || first.rowLimit);
  const [layout, setLayout] = useState(() => ({ groups: first.groups, features: first.features, targets: first.targets }));
  const store = useRef<(MatrixRow | undefined)[]>([]);
  const [, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const loaded = useRef(0);
  const inFlight = useRef(new Set<number>());
  const queue = useRef<number[]>([]);
  const wantAll = useRef(false);
  const failedOffsets = useRef<number[]>([]);
  const signature = useRef(columnSignature(first));

  const put = useCallback((offset: number, rows: MatrixRow[]) => {
    rows.forEach((row, i) => {
      if (!store.current[offset + i]) loaded.current++;
      store.current[offset + i] = row;
    });
  }, []);

  if (store.current.length === 0 && first.rows.length > 0) {
    store.current = new Array(first.totalRows);
    put(first.rowOffset, first.rows);
  }

  const pump = useCallback(() => {
    while (inFlight.current.size < MAX_IN_FLIGHT && queue.current.length > 0) {
      const offset = queue.current.shift()!;
      if (store.current[offset] || inFlight.current.has(offset)) continue;
      inFlight.current.add(offset);
      fetchSlice(offset, chunk)
        .then((slice) => {
          const sig = columnSignature(slice);
          if (sig !== signature.current) {
            // The page was republished while scrolling: start over on the new layout.
            signature.current = sig;
            store.current = new Array(slice.totalRows);
            loaded.current = 0;
            setLayout({ groups: slice.groups, features: slice.features, targets: slice.targets });
          }
          put(slice.rowOffset, slice.rows);
          // A slice cut short by the byte budget leaves a gap: queue its remainder.
          const next = slice.rowOffset + slice.rows.length;
          if (slice.rows.length < chunk && slice.nextRowOffset !== null && next % chunk !== 0) queue.current.unshift(next);
        })
        .catch(() => {
          failedOffsets.current.push(offset);
          setFailed(true);
        })
        .finally(() => {
          inFlight.current.delete(offset);
          setTick((t) => t + 1);
          pump();
        });
    }
  }, [chunk, fetchSlice, put]);

  /** Offsets of the slices that hold the missing rows of `from..to`, in order. */
  const missingIn = useCallback(
    (from: number, to: number) => {
      const out: number[] = [];
      const last = Math.min(to, store.current.length - 1);
      for (let r = Math.max(0, from); r <= last; r++) {
        if (store.current[r]) continue;
        // The aligned slice that holds r; if r sits in a gap left by a short slice, start at r.
        const aligned = r - (r % chunk);
        const offset = store.current[aligned] ? r : aligned;
        if (!inFlight.current.has(offset)) out.push(offset);
        r = offset + chunk - 1;
      }
      return out;
    },
    [chunk],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      // What is on screen now comes first; slices scrolled past before they were asked for are
      // dropped (a fling must not queue every slice on the way), unless a filter wants them all.
      const now = missingIn(from, to);
      const rest = wantAll.current ? queue.current.filter((o) => !now.includes(o)) : [];
      queue.current = [...now, ...rest];
      pump();
    },
    [missingIn, pump],
  );

  const loadAll = useCallback(() => {
    wantAll.current = true;
    queue.current = [...queue.current, ...missingIn(0, store.current.length - 1).filter((o) => !queue.current.includes(o))];
    pump();
  }, [missingIn, pump]);

  // Keep filling after each arrival while a filter wants everything (short slices leave gaps).
  useEffect(() => {
    if (wantAll.current && loaded.current < store.current.length && queue.current.length === 0 && inFlight.current.size === 0 && !failed) {
      loadAll();
    }
  });

  const retry = useCallback(() => {
    setFailed(false);
    queue.current.push(...failedOffsets.current.splice(0));
    pump();
  }, [pump]);

  return { rows: store.current, totalRows: store.current.length, loaded: loaded.current, layout, failed, ensure, loadAll, retry };
}

function columnSignature(slice: MatrixSlice): string {
  return `${slice.totalRows}|${slice.groups.map((g) => `${g.name}:${g.targetKeys.length}`).join(",")}|${slice.features.map((f) => f.id).join(",")}`;
}
