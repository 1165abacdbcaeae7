import { fillTemplate } from "~/server/engine/sentences";
import type { FeatureInfo } from "../types";

/**
 * A rule's own sentence for a Matrix cell, with `{source}`/`{target}` as the row and column
 * labels. A cell carries no field values, so a template that names one (`{target.price}`) is not
 * used here: the rule's name is shown instead of a sentence with a hole in it.
 */
export function ownSentence(info: FeatureInfo | undefined, outcome: "fail" | "unknown", names: { source: string; target: string }): string | null {
  const template = info?.sentences?.[outcome]?.trim();
  if (!template || /\{(source|target)\.[A-Za-z_]/.test(template)) return null;
  return fillTemplate(template, { names, vars: [], schemas: { source: { fields: [] }, target: { fields: [] } } });
}
