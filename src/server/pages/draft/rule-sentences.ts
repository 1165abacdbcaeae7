/**
 * A rule's own visitor sentences, one per outcome that needs explaining (docs/plain-language.md):
 * `"{target} doesn't support structured outputs, which {source} needs"`. Bounded so a breakdown
 * line stays a line; blank ones are dropped so the generated sentence is used instead.
 */
import { badRequest } from "~/server/errors";
import { MAX_RULE_SENTENCE } from "~/server/engine/sentences";

export { MAX_RULE_SENTENCE };

export const SENTENCE_OUTCOMES = ["fail", "unknown"] as const;

export interface RuleSentencesInput {
  fail?: string | null;
  unknown?: string | null;
}

export type StoredRuleSentences = { fail?: string; unknown?: string };

/** Trims, drops blanks, refuses over-long ones; null when nothing is left. */
export function normalizeRuleSentences(input: RuleSentencesInput | null | undefined): StoredRuleSentences | null {
  if (!input) return null;
  const out: StoredRuleSentences = {};
  for (const outcome of SENTENCE_OUTCOMES) {
    const text = input[outcome]?.trim();
    if (!text) continue;
    if (text.length > MAX_RULE_SENTENCE) {
      throw badRequest(`The ${outcome === "fail" ? "not met" : "data missing"} sentence is ${text.length} characters; at most ${MAX_RULE_SENTENCE} are allowed`, {
        field: `sentences.${outcome}`,
        max: MAX_RULE_SENTENCE,
      });
    }
    out[outcome] = text;
  }
  return Object.keys(out).length > 0 ? out : null;
}
