/**
 * A page's evaluable state — rules, overrides, policies, messaging, template and datasets — as
 * one immutable value. The draft is read from the live tables; a revision stores a copy. The
 * evaluation service only ever sees a snapshot, so draft and published paths share one code path.
 */
import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { featureRules, overrides, WILDCARD } from "~/server/db/schema";
import type { Verdict } from "~/server/engine";
import type { DevicePolicy, SelectionPolicy } from "~/server/engine";
import { resolveDevicePolicy, resolveMessaging, resolveSelectionPolicy, type MessagingSettings, type Template } from "./policies";

export interface SnapshotRule {
  id: number;
  name: string;
  description: string | null;
  required: boolean;
  weight: number;
  category: string | null;
  logic: unknown;
  /** The rule's own visitor sentences; the key is absent when it has none (older revisions too). */
  sentences?: { fail?: string; unknown?: string };
}

export interface SnapshotOverride {
  sourceKey: string | null;
  targetKey: string | null;
  verdict: Verdict;
  note: string | null;
}

export interface PageSnapshot {
  template: Template;
  sourceDatasetId: number;
  targetDatasetId: number;
  selectionPolicy: SelectionPolicy;
  devicePolicy: DevicePolicy;
  messaging: MessagingSettings;
  rules: SnapshotRule[];
  overrides: SnapshotOverride[];
}

interface DraftPageFields {
  id: number;
  template: Template;
  sourceDatasetId: number;
  targetDatasetId: number;
  selectionPolicy: unknown;
  devicePolicy: unknown;
  messaging: unknown;
}

/** Rules in display order (sort order, then id). */
export async function loadRules(db: DbOrTx, orgId: string, pageId: number): Promise<SnapshotRule[]> {
  const rows = await db
    .select({
      id: featureRules.id,
      name: featureRules.name,
      description: featureRules.description,
      required: featureRules.required,
      weight: featureRules.weight,
      category: featureRules.category,
      logic: featureRules.logicJson,
      sentences: featureRules.sentencesJson,
    })
    .from(featureRules)
    .where(and(eq(featureRules.organizationId, orgId), eq(featureRules.pageId, pageId)))
    .orderBy(asc(featureRules.sortOrder), asc(featureRules.id));
  // Omitted rather than null, so a rule without sentences hashes as it did before the column existed.
  return rows.map(({ sentences, ...r }) => (sentences ? { ...r, sentences } : r));
}

export async function loadOverrides(db: DbOrTx, orgId: string, pageId: number): Promise<SnapshotOverride[]> {
  const rows = await db
    .select({
      sourceKeyText: overrides.sourceKeyText,
      sourceKeyHash: overrides.sourceKeyHash,
      targetKeyText: overrides.targetKeyText,
      targetKeyHash: overrides.targetKeyHash,
      value: overrides.value,
      note: overrides.note,
    })
    .from(overrides)
    .where(and(eq(overrides.organizationId, orgId), eq(overrides.pageId, pageId)))
    .orderBy(asc(overrides.id));
  return rows.map((r) => ({
    sourceKey: r.sourceKeyHash === WILDCARD ? null : r.sourceKeyText,
    targetKey: r.targetKeyHash === WILDCARD ? null : r.targetKeyText,
    verdict: r.value as Verdict,
    note: r.note,
  }));
}

/** The draft as it would be published right now. */
export async function draftSnapshot(db: DbOrTx, orgId: string, page: DraftPageFields): Promise<PageSnapshot> {
  // Sequential: inside a transaction both queries share one connection.
  const rules = await loadRules(db, orgId, page.id);
  const overrideList = await loadOverrides(db, orgId, page.id);
  return {
    template: page.template,
    sourceDatasetId: page.sourceDatasetId,
    targetDatasetId: page.targetDatasetId,
    selectionPolicy: resolveSelectionPolicy(page.selectionPolicy),
    devicePolicy: resolveDevicePolicy(page.template, page.devicePolicy),
    messaging: resolveMessaging(page.messaging),
    rules,
    overrides: overrideList,
  };
}

/** JSON with object keys sorted, so equal snapshots hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Identifies a snapshot's content: "draft differs from published" and the draft's compile-cache key. */
export function snapshotHash(s: PageSnapshot): string {
  return createHash("sha256").update(canonicalJson(s)).digest("hex");
}
