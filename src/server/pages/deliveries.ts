/**
 * Builds the Convex deliveries of a published page (shapes: convex/lib/deliveries.ts). Only
 * published state goes out: the display of the current revision at the datasets' current
 * versions, and the option index built for exactly those.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { organizations } from "~/server/db/schema";
import { getDataset } from "~/server/catalog";
import type { PendingDelivery } from "~/server/sync";
import type { SchemaJson } from "~/server/catalog/schema-json";
import { effectiveMinDepth } from "./policies";
import { getRevisionRow, type RevisionRow } from "./revisions";
import type { OptionSet } from "./option-index";

export async function orgSlugOf(db: DbOrTx, orgId: string): Promise<string> {
  const [row] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row?.slug ?? orgId;
}

/** Cascade levels with display labels (a field's `label`, else its name). */
/**
 * The Finder's last level: the source row itself, named after the label field (e.g. "App"), so a
 * visitor can pick their exact entry after narrowing down by dimensions.
 */
export function entryLevelOf(schema: SchemaJson): { name: string; label: string } {
  const name = schema.labelField ?? schema.keyField;
  const field = schema.fields.find((f) => f.name === name);
  return { name, label: field?.label ?? name };
}

export function dimensionsOf(schema: SchemaJson): { name: string; label: string }[] {
  return schema.dimensions.map((name) => {
    const field = schema.fields.find((f) => f.name === name);
    return { name, label: field?.label ?? name };
  });
}

interface PublishedPage {
  id: number;
  slug: string;
  name: string;
  revisionId: number | null;
}

/** The display of the page's current revision, with the datasets' current versions. */
export async function pageDisplayDelivery(db: DbOrTx, orgId: string, orgSlug: string, page: PublishedPage, revision?: RevisionRow): Promise<PendingDelivery> {
  if (!page.revisionId) throw new Error(`page ${page.id} is not published`);
  const rev = revision ?? (await getRevisionRow(db, orgId, page.id, page.revisionId));
  const snap = rev.snapshot;
  const source = await getDataset(db, orgId, "source", snap.sourceDatasetId);
  const target = await getDataset(db, orgId, "target", snap.targetDatasetId);
  const dimensions = dimensionsOf(source.schema);
  return {
    kind: "page-display",
    organizationId: orgId,
    orgSlug,
    pageId: String(page.id),
    revisionId: rev.id,
    data: {
      slug: page.slug,
      name: page.name,
      template: snap.template,
      dimensions,
      messaging: snap.messaging,
      sourceVersion: source.version,
      targetVersion: target.version,
      minDepth: effectiveMinDepth(snap.selectionPolicy, dimensions.length),
    },
  };
}

/** One delivery per option set (level + parent): Convex replaces a whole set at a time. */
export function optionShardDeliveries(orgId: string, orgSlug: string, pageId: number, revisionId: number, sourceVersion: number, sets: OptionSet[]): PendingDelivery[] {
  return sets.map((set) => ({
    kind: "option-shards",
    organizationId: orgId,
    orgSlug,
    pageId: String(pageId),
    revisionId,
    data: {
      level: set.level,
      parentHash: set.parentHash,
      sourceVersion,
      shards: set.shards.map((values) => ({ values })),
    },
  }));
}
