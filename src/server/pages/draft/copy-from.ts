/**
 * "Copy from": a new page starts with another page's rules and overrides (issue 12), so a page
 * over the same datasets does not start empty and publish "every pair is compatible".
 */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { featureRules, overrides } from "~/server/db/schema";
import { loadPage } from "../model";

/** Copies rules (in order) and overrides of `fromPageId` to `toPageId`; another tenant's page is NOT_FOUND. */
export async function copyRulesAndOverrides(tx: DbOrTx, orgId: string, fromPageId: number, toPageId: number): Promise<{ rules: number; overrides: number }> {
  await loadPage(tx, orgId, fromPageId);
  const rules = await tx
    .select()
    .from(featureRules)
    .where(and(eq(featureRules.organizationId, orgId), eq(featureRules.pageId, fromPageId)))
    .orderBy(asc(featureRules.sortOrder), asc(featureRules.id));
  const pairs = await tx.select().from(overrides).where(and(eq(overrides.organizationId, orgId), eq(overrides.pageId, fromPageId)));
  if (rules.length > 0) {
    await tx.insert(featureRules).values(rules.map(({ id: _id, createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, pageId: toPageId })));
  }
  if (pairs.length > 0) {
    await tx.insert(overrides).values(pairs.map(({ id: _id, createdAt: _c, updatedAt: _u, ...o }) => ({ ...o, pageId: toPageId })));
  }
  return { rules: rules.length, overrides: pairs.length };
}
