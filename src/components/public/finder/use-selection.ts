"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseSelection, selectionSearch, type Selection } from "../selection";

/**
 * The Finder selection, held in the URL (see `selection.ts`). Changes use `history.pushState`,
 * which Next's router observes: `useSearchParams` updates, back/forward restore earlier
 * selections, and no server round trip happens (the client fetches what it needs).
 */
export function useSelection(maxDepth: number) {
  const params = useSearchParams();
  const selection = useMemo(() => parseSelection(new URLSearchParams(params.toString()), maxDepth), [params, maxDepth]);

  const navigate = useCallback((next: Selection) => {
    const url = `${window.location.pathname}${selectionSearch(next)}`;
    window.history.pushState(null, "", url);
  }, []);

  /** Choosing a value at `level` keeps the levels above it and clears everything below. */
  const choose = useCallback(
    (level: number, value: string) => navigate({ path: [...selection.path.slice(0, level), value], page: 1 }),
    [navigate, selection.path],
  );
  const clearFrom = useCallback((level: number) => navigate({ path: selection.path.slice(0, level), page: 1 }), [navigate, selection.path]);
  const setPage = useCallback((page: number) => navigate({ path: selection.path, page }), [navigate, selection.path]);

  return { ...selection, choose, clearFrom, setPage };
}
