/**
 * The result headline, computed from the counts so it can never contradict the list below it.
 * The admin's messaging is a template per overall verdict that may use `{compatible}`,
 * `{partial}`, `{incompatible}` and `{total}`. Messaging without a placeholder (written before
 * templates existed, e.g. "Fully compatible") is shown under the computed headline, never as it.
 */
import type { VerdictCounts } from "~/server/engine/types";

const PLACEHOLDER = /\{(compatible|partial|incompatible|total)\}/g;

export function fillCounts(template: string, counts: VerdictCounts): string {
  return template.replace(PLACEHOLDER, (_, k: keyof VerdictCounts) => String(counts[k]));
}

/** "12 of 50 fit · 8 partly · 30 don't" — only the parts that are not zero, the first always. */
export function countsSentence(counts: VerdictCounts): string {
  const parts = [`${counts.compatible} of ${counts.total} fit`];
  if (counts.partial > 0) parts.push(`${counts.partial} partly`);
  if (counts.incompatible > 0) parts.push(`${counts.incompatible} don't`);
  return parts.join(" · ");
}

export function resultHeadline(template: string, counts: VerdictCounts): { title: string; subtitle: string | null } {
  const text = template.trim();
  if (text && new RegExp(PLACEHOLDER.source).test(text)) return { title: fillCounts(text, counts), subtitle: countsSentence(counts) };
  return { title: countsSentence(counts), subtitle: text || null };
}
