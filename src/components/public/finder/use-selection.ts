"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseSelection, selectionSearch, type Selection } from "../selection";
import { parseView, writeView, type FinderView } from "~/lib/finder-view";

/**
 * The Finder selection and view, held in the URL (see `selection.ts`, `view.ts`). Changes use
 * `history.pushState` (typing in the search box: `replaceState`), which Next's router observes:
 * `useSearchParams` updates, back/forward restore earlier views, and no server round trip happens.
 */
export function useSelection(maxDepth: number) {
  const params = useSearchParams();
  const search = params.toString();
  const selection = useMemo(() => parseSelection(new URLSearchParams(search), maxDepth), [search, maxDepth]);
  const view = useMemo(() => parseView(new URLSearchParams(search)), [search]);

  const navigate = useCallback((next: Selection, nextView: FinderView, replace = false) => {
    const params = writeView(new URLSearchParams(selectionSearch(next)), nextView);
    // An "as of" view stays as of its revision while the visitor explores it.
    const revision = new URLSearchParams(window.location.search).get("revision");
    if (revision) params.set("revision", revision);
    const qs = params.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, []);

  /** Choosing a value at `level` keeps the levels above it and clears everything below. */
  const choose = useCallback(
    (level: number, value: string) => navigate({ path: [...selection.path.slice(0, level), value], page: 1 }, view),
    [navigate, selection.path, view],
  );
  const clearFrom = useCallback((level: number) => navigate({ path: selection.path.slice(0, level), page: 1 }, view), [navigate, selection.path, view]);
  const setPage = useCallback((page: number) => navigate({ path: selection.path, page }, view), [navigate, selection.path, view]);
  const setView = useCallback((patch: Partial<FinderView>, replace = false) => navigate(selection, { ...view, ...patch }, replace), [navigate, selection, view]);

  return { ...selection, view, choose, clearFrom, setPage, setView };
}
