"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { FilterState } from "./matrix-filters";

/**
 * The Matrix's controls in the URL (`?q=rows&cq=columns&group=…&feature=…&problems=1`), so a
 * shared link restores the view. Written with `replaceState`: filters are not history steps.
 */
export function useMatrixView(): [FilterState, (next: FilterState) => void] {
  const params = useSearchParams();
  const search = params.toString();
  const state = useMemo((): FilterState => {
    const p = new URLSearchParams(search);
    return {
      q: (p.get("q") ?? "").slice(0, 100),
      columnQuery: (p.get("cq") ?? "").slice(0, 100),
      group: p.get("group") || null,
      feature: p.get("feature") || null,
      problemsOnly: p.get("problems") === "1",
    };
  }, [search]);
  const set = useCallback((next: FilterState) => {
    const p = new URLSearchParams(window.location.search);
    const put = (k: string, v: string | null) => (v ? p.set(k, v) : p.delete(k));
    put("q", next.q);
    put("cq", next.columnQuery);
    put("group", next.group);
    put("feature", next.feature);
    put("problems", next.problemsOnly ? "1" : null);
    const qs = p.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
  }, []);
  return [state, set];
}
