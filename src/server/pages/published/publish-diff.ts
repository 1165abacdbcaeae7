/**
 * What publishing the draft would change, for the confirmation an admin sees before publishing:
 * the draft snapshot compared with the published revision's, rule by rule and override by
 * override. Pure comparison plus one loader.
 */
import type { Db } from "~/server/db/client";
import { loadPage } from "../model";
import { getRevisionRow } from "./revisions";
import { canonicalJson, draftSnapshot, type PageSnapshot, type SnapshotOverride, type SnapshotRule } from "../draft/snapshot";

export interface RuleChange {
  id: number;
  name: string;
  /** Which parts changed: name, required, weight, category, description, logic, sentences. */
  fields: string[];
}

export interface PublishDiff {
  /** Revision number the draft is compared with; null before the first publish. */
  comparedWith: number | null;
  changed: boolean;
  rules: { added: { id: number; name: string }[]; removed: { id: number; name: string }[]; changed: RuleChange[]; reordered: boolean };
  overrides: { added: SnapshotOverride[]; removed: SnapshotOverride[]; changed: { before: SnapshotOverride; after: SnapshotOverride }[] };
  /** Page-level settings that differ: template, sourceDataset, targetDataset, selectionPolicy, devicePolicy, messaging. */
  settings: string[];
  /** What the draft would publish that is almost surely a mistake, in words (shown before publishing). */
  warnings: string[];
}

/**
 * A page without rules computes every pair as fully compatible — what a new page over the same
 * datasets starts as. Publishing it stays possible (an override-only page is legitimate) but never silent.
 */
export function draftWarnings(draft: PageSnapshot): string[] {
  if (draft.rules.length > 0) return [];
  return [
    draft.overrides.length > 0
      ? "This page has no rules: every pair without an override would be shown as fully compatible."
      : "This page has no rules: every pair would be shown as fully compatible. Add rules (or copy them from another page) before publishing.",
  ];
}

const ruleFields = ["name", "required", "weight", "category", "description", "logic", "sentences"] as const satisfies readonly (keyof SnapshotRule)[];
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const overrideKey = (o: SnapshotOverride) => `${o.sourceKey ?? "*"}\u0000${o.targetKey ?? "*"}`;

/** Compares two snapshots; `before` is null when the page was never published. */
export function diffSnapshots(before: PageSnapshot | null, after: PageSnapshot, comparedWith: number | null = null): PublishDiff {
  const oldRules = new Map((before?.rules ?? []).map((r) => [r.id, r]));
  const added: PublishDiff["rules"]["added"] = [];
  const changed: RuleChange[] = [];
  for (const r of after.rules) {
    const old = oldRules.get(r.id);
    if (!old) added.push({ id: r.id, name: r.name });
    else {
      const fields = ruleFields.filter((f) => !same(old[f], r[f]));
      if (fields.length) changed.push({ id: r.id, name: r.name, fields });
    }
  }
  const kept = new Set(after.rules.map((r) => r.id));
  const removed = (before?.rules ?? []).filter((r) => !kept.has(r.id)).map((r) => ({ id: r.id, name: r.name }));
  const common = (rules: SnapshotRule[]) => rules.filter((r) => oldRules.has(r.id) && kept.has(r.id)).map((r) => r.id);
  const reordered = !same(common(before?.rules ?? []), common(after.rules));

  const oldOverrides = new Map((before?.overrides ?? []).map((o) => [overrideKey(o), o]));
  const overrides: PublishDiff["overrides"] = { added: [], removed: [], changed: [] };
  for (const o of after.overrides) {
    const old = oldOverrides.get(overrideKey(o));
    if (!old) overrides.added.push(o);
    else if (!same(old, o)) overrides.changed.push({ before: old, after: o });
    oldOverrides.delete(overrideKey(o));
  }
  overrides.removed.push(...oldOverrides.values());

  const settings = before
    ? [
        ["template", before.template, after.template],
        ["sourceDataset", before.sourceDatasetId, after.sourceDatasetId],
        ["targetDataset", before.targetDatasetId, after.targetDatasetId],
        ["selectionPolicy", before.selectionPolicy, after.selectionPolicy],
        ["devicePolicy", before.devicePolicy, after.devicePolicy],
        ["messaging", before.messaging, after.messaging],
      ]
        .filter(([, a, b]) => !same(a, b))
        .map(([name]) => name as string)
    : [];

  const rules = { added, removed, changed, reordered };
  const isChanged =
    before === null || added.length + removed.length + changed.length > 0 || reordered || settings.length > 0 ||
    overrides.added.length + overrides.removed.length + overrides.changed.length > 0;
  return { comparedWith, changed: isChanged, rules, overrides, settings, warnings: draftWarnings(after) };
}

/** `pages.publishPreview`: the draft against the live revision. */
export async function publishPreview(db: Db, orgId: string, pageId: number): Promise<PublishDiff> {
  const page = await loadPage(db, orgId, pageId);
  const draft = await draftSnapshot(db, orgId, page);
  if (!page.revisionId) return diffSnapshots(null, draft);
  const rev = await getRevisionRow(db, orgId, page.id, page.revisionId);
  return diffSnapshots(rev.snapshot, draft, rev.number);
}
