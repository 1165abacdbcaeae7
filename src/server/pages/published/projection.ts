/**
 * The published projection of a page: everything derived from its live revision at its datasets'
 * current versions — the `published_pages` record public reads resolve by (organization, slug),
 * the option index, the pruned result cache, and the Convex deliveries (display and option
 * shards). One refresh sequence, run inside the transaction of whatever moved it: publish, an
 * import that changed a dataset, `sync.rebuild`; a rename rewrites the record alone.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { publishedPages } from "~/server/db/schema";
import { dimensionsOf, entryLevelOf, type SchemaJson } from "~/server/catalog";
import { orgSlugOf } from "~/server/org/orgs";
import { enqueueSync } from "~/server/sync";
import { datasetsOf, type Datasets } from "../model";
import { effectiveMinDepth } from "../draft/policies";
import { pruneResults } from "../read/result-cache";
import { getRevisionRow, type RevisionRow } from "./revisions";
import { collectStoredOptionSets, hasOptionIndex, rebuildOptionIndex, type OptionSet } from "./option-index";
import { optionShardDeliveries, pageDisplayDelivery } from "./deliveries";

interface PublishedPage {
  id: number;
  slug: string;
  name: string;
  revisionId: number | null;
}

/** What `public.page` shows of a published page (stored as `display_json`). */
export interface PublishedDisplay {
  name: string;
  template: "finder" | "matrix";
  dimensions: { name: string; label: string }[];
  entry: { name: string; label: string };
  messaging: { headline2: string; headline1: string; headline0: string };
  minDepth: number;
  pageSize: number;
  /** Target fields shown beside each result (admin's choice), with their labels and units. */
  columns?: { name: string; label: string; unit: string | null; type: string }[];
  /** What targets are grouped by, as visitors read it ("Provider"); null when not grouped. */
  groupLabel?: string | null;
  /** Per dimension level, enum option labels from the source schema ("backend" → "Backend service"). */
  optionLabels?: Record<string, string>[];
  /** When this revision was published (ISO), for "as of" labels. */
  publishedAt?: string;
}

/** One row of `published_pages`: what a public read needs to name its answer. */
export interface PublishedRecord {
  pageId: number;
  slug: string;
  revisionId: number;
  revisionNumber: number;
  sourceDatasetId: number;
  targetDatasetId: number;
  sourceVersion: number;
  targetVersion: number;
  display: PublishedDisplay;
  generation: number;
}

/** The record of a page at `revision` with these datasets (pure: also used to derive one read-only). */
export function publishedRecordOf(page: PublishedPage, revision: RevisionRow, ds: Datasets, generation = 0): PublishedRecord {
  const snap = revision.snapshot;
  const dimensions = dimensionsOf(ds.source.schema);
  return {
    pageId: page.id,
    slug: page.slug,
    revisionId: revision.id,
    revisionNumber: revision.number,
    sourceDatasetId: ds.source.id,
    targetDatasetId: ds.target.id,
    sourceVersion: ds.source.version,
    targetVersion: ds.target.version,
    display: {
      name: page.name,
      template: snap.template,
      dimensions,
      entry: entryLevelOf(ds.source.schema),
      messaging: snap.messaging,
      minDepth: effectiveMinDepth(snap.selectionPolicy, dimensions.length),
      pageSize: snap.devicePolicy.pageSize,
      columns: snap.devicePolicy.columns.flatMap((name) => {
        const f = ds.target.schema.fields.find((x) => x.name === name);
        return f ? [{ name, label: f.label ?? name, unit: f.unit ?? null, type: f.type }] : [];
      }),
      groupLabel: groupLabelOf(ds.target.schema, snap.devicePolicy.groupBy),
      optionLabels: dimensions.map((d) => ds.source.schema.fields.find((f) => f.name === d.name)?.optionLabels ?? {}),
      publishedAt: revision.createdAt.toISOString(),
    },
    generation,
  };
}

function groupLabelOf(schema: SchemaJson, groupBy: string | null): string | null {
  if (groupBy === null) return null;
  if (groupBy === "key") return "Key";
  return schema.fields.find((f) => f.name === groupBy)?.label ?? groupBy;
}

/** Writes (or replaces) the page's record; a renamed page's old slug goes with it. */
export async function writePublishedRecord(tx: DbOrTx, orgId: string, record: PublishedRecord): Promise<void> {
  const { pageId, slug, display: _display, generation: _generation, ...pointer } = record;
  // The slug may have moved: the row is found by page, and a stale row under the slug is replaced.
  await tx.delete(publishedPages).where(and(eq(publishedPages.organizationId, orgId), eq(publishedPages.slug, slug), sql`${publishedPages.pageId} <> ${pageId}`));
  await tx
    .insert(publishedPages)
    .values({ organizationId: orgId, pageId, slug, ...pointer, displayJson: record.display as unknown as Record<string, unknown> })
    .onDuplicateKeyUpdate({
      set: {
        slug,
        ...pointer,
        displayJson: record.display as unknown as Record<string, unknown>,
        generation: sql`${publishedPages.generation} + 1`,
      },
    });
}

/** The page is no longer public (deleted): readers answer NOT_FOUND once their pointer expires. */
export async function deletePublishedRecord(tx: DbOrTx, orgId: string, pageId: number): Promise<void> {
  await tx.delete(publishedPages).where(and(eq(publishedPages.organizationId, orgId), eq(publishedPages.pageId, pageId)));
}

export interface Projection {
  ds: Datasets;
  sets: OptionSet[];
  orgSlug: string;
}

/**
 * Brings a published page's derived data to `revision` at its datasets' current versions. With
 * `reuseIndex`, an option index already built for exactly those is re-sent rather than rebuilt.
 */
export async function projectPublishedPage(tx: DbOrTx, orgId: string, page: PublishedPage, revision: RevisionRow, opts: { reuseIndex?: boolean } = {}): Promise<Projection> {
  const ds = await datasetsOf(tx, orgId, revision.snapshot);
  const sets =
    opts.reuseIndex && (await hasOptionIndex(tx, orgId, page.id, revision.id, ds.source.version))
      ? await collectStoredOptionSets(tx, orgId, page.id, revision.id, ds.source.version)
      : await rebuildOptionIndex(tx, orgId, page.id, revision.id, ds.source.id, ds.source.version);
  await pruneResults(tx, orgId, page.id, { revisionId: revision.id, sourceVersion: ds.source.version, targetVersion: ds.target.version });
  const record = publishedRecordOf(page, revision, ds);
  await writePublishedRecord(tx, orgId, record);
  const orgSlug = await orgSlugOf(tx, orgId);
  await enqueueSync(tx, await pageDisplayDelivery(tx, orgId, orgSlug, { ...page, revisionId: revision.id }, revision));
  const labels = record.display.optionLabels ?? [];
  for (const d of optionShardDeliveries(orgId, orgSlug, page.id, revision.id, ds.source.version, sets, labels)) await enqueueSync(tx, d);
  return { ds, sets, orgSlug };
}

/**
 * Slug and name are live (the page's address and title): a rename rewrites the record and sends a
 * fresh display, without touching the option index or cached results.
 */
export async function projectRename(tx: DbOrTx, orgId: string, page: PublishedPage & { revisionId: number }): Promise<void> {
  const revision = await getRevisionRow(tx, orgId, page.id, page.revisionId);
  const ds = await datasetsOf(tx, orgId, revision.snapshot);
  await writePublishedRecord(tx, orgId, publishedRecordOf(page, revision, ds));
  await enqueueSync(tx, await pageDisplayDelivery(tx, orgId, await orgSlugOf(tx, orgId), page, revision));
}
