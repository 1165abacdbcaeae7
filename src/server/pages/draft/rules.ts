/**
 * Compatibility rules of a page's draft. A rule is validated against the page's source and target
 * schemas before it is stored; a bad rule is refused with every error and its JSON path.
 */
import { and, asc, count, eq, max } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { featureRules } from "~/server/db/schema";
import { diffOf, recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest, notFound } from "~/server/errors";
import { assertWithinLimit, type LimitSubject } from "~/server/limits";
import { getDataset } from "~/server/catalog";
import { validateRule } from "~/server/engine";
import { checkJsonBounds } from "./json-bounds";
import { normalizeRuleSentences, type RuleSentencesInput } from "./rule-sentences";
import { loadPage } from "../model";

const ruleColumns = {
  id: featureRules.id,
  pageId: featureRules.pageId,
  name: featureRules.name,
  description: featureRules.description,
  required: featureRules.required,
  weight: featureRules.weight,
  category: featureRules.category,
  logic: featureRules.logicJson,
  sentences: featureRules.sentencesJson,
  sortOrder: featureRules.sortOrder,
  createdAt: featureRules.createdAt,
  updatedAt: featureRules.updatedAt,
};

export interface RuleInput {
  name: string;
  description?: string | null;
  required: boolean;
  weight: number;
  category?: string | null;
  logic: unknown;
  /** The rule's own visitor sentences; null or blank = generated ones. */
  sentences?: RuleSentencesInput | null;
}

export async function listRules(db: Db, orgId: string, pageId: number) {
  await loadPage(db, orgId, pageId);
  return db
    .select(ruleColumns)
    .from(featureRules)
    .where(and(eq(featureRules.organizationId, orgId), eq(featureRules.pageId, pageId)))
    .orderBy(asc(featureRules.sortOrder), asc(featureRules.id));
}

async function loadRule(db: DbOrTx, orgId: string, ruleId: number) {
  const [row] = await db.select(ruleColumns).from(featureRules).where(and(eq(featureRules.organizationId, orgId), eq(featureRules.id, ruleId))).limit(1);
  if (!row) throw notFound("Rule", ruleId);
  return row;
}

/** Checks a rule against the schemas of the page's datasets; never throws for a bad rule. */
export async function checkRule(db: DbOrTx, orgId: string, page: { sourceDatasetId: number; targetDatasetId: number }, logic: unknown) {
  // Bounds first, again: domain callers other than the router must not reach the engine with hostile input.
  const bounds = checkJsonBounds(logic);
  if (bounds) return { ok: false as const, errors: [{ path: "$", message: bounds.message }] };
  const source = await getDataset(db, orgId, "source", page.sourceDatasetId);
  const target = await getDataset(db, orgId, "target", page.targetDatasetId);
  return validateRule(logic, { source: source.schema, target: target.schema });
}

async function assertValidRule(db: DbOrTx, orgId: string, page: { sourceDatasetId: number; targetDatasetId: number }, logic: unknown) {
  const result = await checkRule(db, orgId, page, logic);
  if (!result.ok) {
    const first = result.errors[0];
    throw badRequest(`Invalid rule: ${first ? `${first.message} (at ${first.path})` : "rejected"}`, { errors: result.errors });
  }
}

/** Dry run of `rules.create`: the errors a rule would be refused with, or the vars it reads. */
export async function validateRuleForPage(db: Db, orgId: string, pageId: number, logic: unknown) {
  const page = await loadPage(db, orgId, pageId);
  const result = await checkRule(db, orgId, page, logic);
  return result.ok ? { ok: true as const, errors: [], vars: result.vars } : { ok: false as const, errors: result.errors, vars: [] };
}

export async function createRule(scope: WriteScope, org: LimitSubject, pageId: number, input: RuleInput) {
  const sentences = normalizeRuleSentences(input.sentences);
  const id = await scope.db.transaction(async (tx) => {
    // The page lock serialises rule creation per page, so the limit holds under concurrency.
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    const [stats] = await tx
      .select({ n: count(), last: max(featureRules.sortOrder) })
      .from(featureRules)
      .where(and(eq(featureRules.organizationId, scope.orgId), eq(featureRules.pageId, pageId)));
    assertWithinLimit(org, "rulesPerPage", Number(stats?.n ?? 0) + 1);
    await assertValidRule(tx, scope.orgId, page, input.logic);
    const [created] = await tx.insert(featureRules).values({
      organizationId: scope.orgId,
      pageId,
      name: input.name,
      description: input.description ?? null,
      required: input.required,
      weight: input.weight,
      category: input.category ?? null,
      logicJson: input.logic,
      sentencesJson: sentences,
      sortOrder: (stats?.last ?? -1) + 1,
    }).$returningId();
    const ruleId = created!.id;
    await recordAudit(tx, scope, { action: "rule.create", targetType: "rule", targetId: ruleId, diff: { pageId, ...input, sentences } });
    return ruleId;
  });
  return loadRule(scope.db, scope.orgId, id);
}

export async function updateRule(scope: WriteScope, ruleId: number, patch: Partial<RuleInput>) {
  // `sentences: null` clears them; absent leaves them as they are.
  const sentences = patch.sentences === undefined ? undefined : normalizeRuleSentences(patch.sentences);
  return scope.db.transaction(async (tx) => {
    const before = await loadRule(tx, scope.orgId, ruleId);
    const page = await loadPage(tx, scope.orgId, before.pageId, { forUpdate: true });
    if (patch.logic !== undefined) await assertValidRule(tx, scope.orgId, page, patch.logic);
    const set = {
      name: patch.name,
      description: patch.description,
      required: patch.required,
      weight: patch.weight,
      category: patch.category,
      logicJson: patch.logic,
      sentencesJson: sentences,
    };
    // `{ id }` alone is a valid no-op: an UPDATE with nothing to set is a driver error, not a 500 to give.
    if (Object.values(set).some((v) => v !== undefined)) {
      await tx.update(featureRules).set(set).where(and(eq(featureRules.organizationId, scope.orgId), eq(featureRules.id, ruleId)));
    }
    const after = await loadRule(tx, scope.orgId, ruleId);
    await recordAudit(tx, scope, { action: "rule.update", targetType: "rule", targetId: ruleId, diff: diffOf(before, after) });
    return after;
  });
}

export async function deleteRule(scope: WriteScope, ruleId: number) {
  await scope.db.transaction(async (tx) => {
    const rule = await loadRule(tx, scope.orgId, ruleId);
    await loadPage(tx, scope.orgId, rule.pageId, { forUpdate: true });
    await tx.delete(featureRules).where(and(eq(featureRules.organizationId, scope.orgId), eq(featureRules.id, ruleId)));
    await recordAudit(tx, scope, { action: "rule.delete", targetType: "rule", targetId: ruleId, diff: { pageId: rule.pageId, name: rule.name } });
  });
  return { id: ruleId, deleted: true as const };
}

/** Sets the display order; `ruleIds` must be exactly the page's rules, each once. */
export async function reorderRules(scope: WriteScope, pageId: number, ruleIds: number[]) {
  await scope.db.transaction(async (tx) => {
    await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    const current = await tx
      .select({ id: featureRules.id })
      .from(featureRules)
      .where(and(eq(featureRules.organizationId, scope.orgId), eq(featureRules.pageId, pageId)));
    const have = new Set(current.map((r) => r.id));
    const given = new Set(ruleIds);
    if (given.size !== ruleIds.length || given.size !== have.size || ruleIds.some((id) => !have.has(id))) {
      throw badRequest("ruleIds must list each of the page's rules exactly once", {
        field: "ruleIds",
        missing: [...have].filter((id) => !given.has(id)),
        unknown: ruleIds.filter((id) => !have.has(id)),
      });
    }
    for (const [i, id] of ruleIds.entries()) {
      await tx.update(featureRules).set({ sortOrder: i }).where(and(eq(featureRules.organizationId, scope.orgId), eq(featureRules.id, id)));
    }
    await recordAudit(tx, scope, { action: "rule.reorder", targetType: "page", targetId: pageId, diff: { ruleIds } });
  });
  return listRules(scope.db, scope.orgId, pageId);
}
