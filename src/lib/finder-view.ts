/**
 * How a visitor views a Finder result — sort, filters, search — held in the URL next to the
 * selection (`?path=…&sort=price-asc&show=fit&group=OpenAI&feature=3&q=mini`), so a shared link
 * restores the view. Applied to the targets the server returned — in the browser, and by the REST API (docs/rest-api.md): the server's
 * order (verdict, score, label) is the default, and when the result spans several pages the UI
 * says that the view applies to the page shown. Pure; docs/public-pages.md.
 */
import type { FeatureInfo, TargetResult } from "~/server/engine/types";

export type Show = "all" | "fit" | "compatible";

export interface FinderView {
  /** `best` (the page's ranking), `name`, or `<column>-asc` / `<column>-desc`. */
  sort: string;
  show: Show;
  group: string | null;
  /** A rule id that must pass ("must support tool calling"). */
  feature: string | null;
  q: string;
}

export const DEFAULT_VIEW: FinderView = { sort: "best", show: "all", group: null, feature: null, q: "" };

const VIEW_KEYS = ["sort", "show", "group", "feature", "q"] as const;
const SHOWS: Show[] = ["all", "fit", "compatible"];

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
const first = (p: Params, k: string): string | null => {
  if (p instanceof URLSearchParams) return p.get(k);
  const v = p[k];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

export function parseView(params: Params): FinderView {
  const sort = first(params, "sort");
  const show = first(params, "show") as Show | null;
  const q = (first(params, "q") ?? "").slice(0, 100);
  return {
    sort: sort && /^[A-Za-z0-9_]{1,64}(-(asc|desc))?$/.test(sort) ? sort : "best",
    show: show && SHOWS.includes(show) ? show : "all",
    group: first(params, "group")?.slice(0, 255) || null,
    feature: first(params, "feature")?.slice(0, 64) || null,
    q,
  };
}

/** Appends the non-default parts of a view to `params`. */
export function writeView(params: URLSearchParams, view: FinderView): URLSearchParams {
  for (const k of VIEW_KEYS) params.delete(k);
  if (view.sort !== "best") params.set("sort", view.sort);
  if (view.show !== "all") params.set("show", view.show);
  if (view.group) params.set("group", view.group);
  if (view.feature) params.set("feature", view.feature);
  if (view.q) params.set("q", view.q);
  return params;
}

export function isDefaultView(v: FinderView): boolean {
  return v.sort === "best" && v.show === "all" && !v.group && !v.feature && !v.q;
}

/** Optional features met, by count: "2 of 3 optional features". */
export function optionalMet(target: TargetResult, features: Map<string, FeatureInfo>): { met: number; total: number } {
  let met = 0;
  let total = 0;
  for (const f of target.features) {
    if (features.get(f.ruleId)?.required !== false) continue;
    total++;
    if (f.status === "pass") met++;
  }
  return { met, total };
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

type WithColumns = TargetResult & { columns?: Record<string, string | number | boolean | null> };

/** Filters and sorts `targets` (in the server's ranking order) per view; missing values sort last. */
export function applyView<T extends WithColumns>(targets: T[], view: FinderView): T[] {
  const q = view.q.trim().toLowerCase();
  let out = targets.filter((t) => {
    if (view.show === "fit" && t.verdict === 0) return false;
    if (view.show === "compatible" && t.verdict !== 2) return false;
    if (view.group && t.group !== view.group) return false;
    if (view.feature && t.features.find((f) => f.ruleId === view.feature)?.status !== "pass") return false;
    if (q && !t.label.toLowerCase().includes(q) && !t.key.toLowerCase().includes(q)) return false;
    return true;
  });
  if (view.sort === "name") out = [...out].sort((a, b) => collator.compare(a.label, b.label));
  const m = /^(.+)-(asc|desc)$/.exec(view.sort);
  if (m) {
    const [, column, dir] = m as unknown as [string, string, "asc" | "desc"];
    const sign = dir === "asc" ? 1 : -1;
    out = [...out].sort((a, b) => {
      const x = a.columns?.[column] ?? null;
      const y = b.columns?.[column] ?? null;
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      if (typeof x === "number" && typeof y === "number") return sign * (x - y);
      return sign * collator.compare(String(x), String(y));
    });
  }
  return out;
}
