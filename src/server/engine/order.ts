import type { DevicePolicy } from "./policy";
import type { Verdict } from "./types";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Case-insensitive, number-aware text order ("gpt-4" before "gpt-10"); exact code-unit order breaks ties. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Ranks items by (label, key) once, so later sorts compare integers instead of strings.
 * `rank[i]` is the position of item i in label order.
 */
export function labelRanks(labels: readonly string[], keys: readonly string[]): Int32Array {
  const order = labels.map((_, i) => i).sort((a, b) => compareText(labels[a]!, labels[b]!) || compareText(keys[a]!, keys[b]!));
  const rank = new Int32Array(labels.length);
  order.forEach((item, position) => (rank[item] = position));
  return rank;
}

const labelRanksByList = new WeakMap<readonly { label: string; key: string }[], Int32Array>();

/** `labelRanks` of a list of targets, remembered per list (a list must not change once given to the engine; see context.ts). */
export function cachedLabelRanks(targets: readonly { label: string; key: string }[]): Int32Array {
  let rank = labelRanksByList.get(targets);
  if (!rank) labelRanksByList.set(targets, (rank = labelRanks(targets.map((t) => t.label), targets.map((t) => t.key))));
  return rank;
}

/** Ranks group names alphabetically, with "no group" (null) last. */
export function groupRanks(groups: readonly (string | null)[]): Int32Array {
  const names = [...new Set(groups.filter((g): g is string => g !== null))].sort(compareText);
  const byName = new Map(names.map((n, i) => [n, i]));
  return Int32Array.from(groups, (g) => (g === null ? names.length : byName.get(g)!));
}

export interface Sortable {
  verdict: ArrayLike<number>;
  score: ArrayLike<number>;
  labelRank: Int32Array;
  /** Present when the policy groups targets: groups come first in the order. */
  groupRank: Int32Array | null;
}

/**
 * Orders target indices per device policy. `verdict`: verdict desc, score desc, label;
 * `score`: score desc, verdict desc, label; `label`: label. With `groupBy`, group name comes first.
 */
export function sortTargets(indices: number[], data: Sortable, sort: DevicePolicy["sort"]): number[] {
  const { verdict, score, labelRank, groupRank } = data;
  return indices.sort((a, b) => {
    if (groupRank) {
      const g = groupRank[a]! - groupRank[b]!;
      if (g !== 0) return g;
    }
    if (sort === "verdict") return verdict[b]! - verdict[a]! || score[b]! - score[a]! || labelRank[a]! - labelRank[b]!;
    if (sort === "score") return score[b]! - score[a]! || verdict[b]! - verdict[a]! || labelRank[a]! - labelRank[b]!;
    return labelRank[a]! - labelRank[b]!;
  });
}

/** Worst = lower verdict, then lower score; best = the reverse. Ties keep the earlier source. */
export function isBetterRepresentative(aggregate: "worst" | "best", v: Verdict, s: number, currentV: number, currentS: number): boolean {
  if (aggregate === "worst") return v < currentV || (v === currentV && s < currentS);
  return v > currentV || (v === currentV && s > currentS);
}
