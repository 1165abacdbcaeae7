/**
 * Public pages (docs/pages.md): the draft settings an admin edits. What the public sees is a
 * published revision (`../published/`); this module only touches the draft row.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { compatResults, featureRules, optionIndex, overrides, pageRevisions, publicPages } from "~/server/db/schema";
import { diffOf, recordAudit, type WriteScope } from "~/server/audit/audit";
import { conflict, isDuplicateKey } from "~/server/errors";
import { orgSlugOf } from "~/server/org/orgs";
import { enqueueSync, kickDrain } from "~/server/sync";
import { datasetsOf, loadPage, pageColumns, type PageRow } from "../model";
import { getRevisionRow } from "../published/revisions";
import { pageDisplayDelivery } from "../published/deliveries";
import { messagingSchema, resolveDevicePolicy, resolveMessaging, resolveSelectionPolicy, sparsePolicy, type Template } from "./policies";
import { draftSnapshot, snapshotHash } from "./snapshot";
import { copyRulesAndOverrides } from "./copy-from";

/** The page as clients see it: policies with their defaults filled in. */
export function presentPage(row: PageRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    template: row.template,
    sourceDatasetId: row.sourceDatasetId,
    targetDatasetId: row.targetDatasetId,
    selectionPolicy: resolveSelectionPolicy(row.selectionPolicy),
    devicePolicy: resolveDevicePolicy(row.template, row.devicePolicy),
    messaging: resolveMessaging(row.messaging),
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listPages(db: Db, orgId: string) {
  const rows = await db.select(pageColumns).from(publicPages).where(eq(publicPages.organizationId, orgId)).orderBy(asc(publicPages.name), asc(publicPages.id));
  return rows.map(presentPage);
}

/** Draft, publish status, current revision number and whether the draft moved since. */
export async function getPageDetail(db: Db, orgId: string, pageId: number) {
  const page = await loadPage(db, orgId, pageId);
  const draft = await draftSnapshot(db, orgId, page);
  const revision = page.revisionId ? await getRevisionRow(db, orgId, page.id, page.revisionId) : null;
  const draftHash = snapshotHash(draft);
  return {
    ...presentPage(page),
    ruleCount: draft.rules.length,
    overrideCount: draft.overrides.length,
    revision: revision ? { number: revision.number, publishedAt: revision.createdAt, publishedBy: revision.publishedBy } : null,
    draftDiffers: revision ? revision.hash !== draftHash : true,
  };
}

export interface PageInput {
  slug: string;
  name: string;
  template: Template;
  sourceDatasetId: number;
  targetDatasetId: number;
  selectionPolicy?: Record<string, unknown>;
  devicePolicy?: Record<string, unknown>;
  messaging?: Partial<Record<"headline2" | "headline1" | "headline0", string>>;
  /** Start from another page of the organization: its rules and overrides are copied. */
  copyFromPageId?: number;
}

/** Both datasets must be the organization's own (another tenant's id answers NOT_FOUND). */
async function assertDatasets(db: DbOrTx, orgId: string, sourceDatasetId: number, targetDatasetId: number) {
  await datasetsOf(db, orgId, { sourceDatasetId, targetDatasetId });
}

function slugTaken(slug: string) {
  return conflict(`A page with the slug "${slug}" already exists`, { field: "slug", slug });
}

export async function createPage(scope: WriteScope, input: PageInput) {
  await assertDatasets(scope.db, scope.orgId, input.sourceDatasetId, input.targetDatasetId);
  try {
    const id = await scope.db.transaction(async (tx) => {
      const [created] = await tx.insert(publicPages).values({
        organizationId: scope.orgId,
        slug: input.slug,
        name: input.name,
        template: input.template,
        sourceDatasetId: input.sourceDatasetId,
        targetDatasetId: input.targetDatasetId,
        // Stored as given (defaults stay implicit), so a changed default reaches pages that never chose.
        selectionPolicyJson: sparsePolicy("selectionPolicy", input.selectionPolicy ?? {}),
        devicePolicyJson: sparsePolicy("devicePolicy", input.devicePolicy ?? {}),
        messagingJson: messagingSchema.parse(input.messaging ?? {}),
      }).$returningId();
      const pageId = created!.id;
      if (input.copyFromPageId !== undefined) await copyRulesAndOverrides(tx, scope.orgId, input.copyFromPageId, pageId);
      await recordAudit(tx, scope, { action: "page.create", targetType: "page", targetId: pageId, diff: { ...input } });
      return pageId;
    });
    return presentPage(await loadPage(scope.db, scope.orgId, id));
  } catch (err) {
    if (isDuplicateKey(err)) throw slugTaken(input.slug);
    throw err;
  }
}

export async function updatePage(scope: WriteScope, pageId: number, patch: Partial<PageInput>) {
  try {
    const row = await scope.db.transaction(async (tx) => {
      const before = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
      await assertDatasets(tx, scope.orgId, patch.sourceDatasetId ?? before.sourceDatasetId, patch.targetDatasetId ?? before.targetDatasetId);
      const set = {
        slug: patch.slug,
        name: patch.name,
        template: patch.template,
        sourceDatasetId: patch.sourceDatasetId,
        targetDatasetId: patch.targetDatasetId,
        selectionPolicyJson: patch.selectionPolicy === undefined ? undefined : sparsePolicy("selectionPolicy", patch.selectionPolicy),
        devicePolicyJson: patch.devicePolicy === undefined ? undefined : sparsePolicy("devicePolicy", patch.devicePolicy),
        messagingJson: patch.messaging === undefined ? undefined : messagingSchema.parse({ ...resolveMessaging(before.messaging), ...patch.messaging }),
      };
      // `{ id }` alone is a valid no-op: an UPDATE with nothing to set is a driver error, not a 500 to give.
      if (Object.values(set).some((v) => v !== undefined)) {
        await tx.update(publicPages).set(set).where(and(eq(publicPages.organizationId, scope.orgId), eq(publicPages.id, pageId)));
      }
      const after = await loadPage(tx, scope.orgId, pageId);
      await recordAudit(tx, scope, { action: "page.update", targetType: "page", targetId: pageId, diff: diffOf(before, after) });
      // Slug and name are live (they are the page's address and title); policies wait for publish.
      if (after.revisionId && (after.slug !== before.slug || after.name !== before.name)) {
        await enqueueSync(tx, await pageDisplayDelivery(tx, scope.orgId, await orgSlugOf(tx, scope.orgId), after));
      }
      return after;
    });
    void kickDrain();
    return presentPage(row);
  } catch (err) {
    if (isDuplicateKey(err) && patch.slug) throw slugTaken(patch.slug);
    throw err;
  }
}

/** Removes the page with its rules, overrides, revisions and caches; Convex drops it too. */
export async function deletePage(scope: WriteScope, pageId: number) {
  await scope.db.transaction(async (tx) => {
    const page = await loadPage(tx, scope.orgId, pageId, { forUpdate: true });
    const org = scope.orgId;
    await tx.delete(featureRules).where(and(eq(featureRules.organizationId, org), eq(featureRules.pageId, pageId)));
    await tx.delete(overrides).where(and(eq(overrides.organizationId, org), eq(overrides.pageId, pageId)));
    await tx.delete(pageRevisions).where(and(eq(pageRevisions.organizationId, org), eq(pageRevisions.pageId, pageId)));
    await tx.delete(compatResults).where(and(eq(compatResults.organizationId, org), eq(compatResults.pageId, pageId)));
    await tx.delete(optionIndex).where(and(eq(optionIndex.organizationId, org), eq(optionIndex.pageId, pageId)));
    await tx.delete(publicPages).where(and(eq(publicPages.organizationId, scope.orgId), eq(publicPages.id, pageId)));
    await recordAudit(tx, scope, { action: "page.delete", targetType: "page", targetId: pageId, diff: { slug: page.slug, name: page.name } });
    if (page.revisionId) {
      await enqueueSync(tx, {
        kind: "page-remove",
        organizationId: scope.orgId,
        orgSlug: await orgSlugOf(tx, scope.orgId),
        pageId: String(pageId),
        revisionId: page.revisionId,
        data: {},
      });
    }
  });
  void kickDrain();
  return { id: pageId, deleted: true as const };
}
