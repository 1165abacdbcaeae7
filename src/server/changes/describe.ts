/**
 * Changelog entries in words, shared by the changelog page and the Atom feeds so both say the
 * same thing: "t3.chat × Claude 3.7: incompatible → compatible (rule removed: OpenAI only)".
 */
import type { ChangelogEntry } from "./changelog";
import type { ChangeReason, PairChange } from "./verdict-diff";

export const VERDICT_WORDS = ["incompatible", "partial", "compatible"] as const;

export function describeReason(r: ChangeReason): string {
  switch (r.kind) {
    case "rule-added":
      return `rule added: ${r.rule}`;
    case "rule-removed":
      return `rule removed: ${r.rule}`;
    case "rule-edited":
      return `rule edited: ${r.rule}`;
    case "rule-result":
      return `${r.rule}: result changed`;
    case "override":
      return "override";
    case "source-data":
      return `source data changed: ${r.fields.join(", ")}`;
    case "target-data":
      return `target data changed: ${r.fields.join(", ")}`;
    case "settings":
      return "page settings";
  }
}

export function describePair(p: PairChange): string {
  const why = p.reasons.filter((r) => r.kind !== "rule-result").map(describeReason);
  return `${p.sourceLabel} × ${p.targetLabel}: ${VERDICT_WORDS[p.from]} → ${VERDICT_WORDS[p.to]}${why.length ? ` (${why.join("; ")})` : ""}`;
}

const causeWords = { publish: "published", "source-data": "source data updated", "target-data": "target data updated" } as const;

/** "Revision 2 published: 5 verdicts changed (5 better, 0 worse)". */
export function describeEntry(e: Pick<ChangelogEntry, "revision" | "cause" | "changed" | "better" | "worse" | "perPair">): string {
  const head = e.cause === "publish" ? `Revision ${e.revision} published` : `Revision ${e.revision}: ${causeWords[e.cause]}`;
  if (!e.perPair) return `${head}: too large to compare pair by pair`;
  if (e.changed === 0) return `${head}: no verdict changed`;
  return `${head}: ${e.changed} verdict${e.changed === 1 ? "" : "s"} changed (${e.better} better, ${e.worse} worse)`;
}
