/**
 * Published revisions: immutable snapshots written by `publishPage`. Revision rows are never
 * updated; the page's `revision_id` says which one the public sees.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { pageRevisions } from "~/server/db/schema";
import { notFound } from "~/server/errors";
import type { PageSnapshot } from "../draft/snapshot";
import { loadPage } from "../model";
import { publisherLabels } from "~/server/audit/names";

/** What `snapshot_json` holds: the snapshot and its content hash. */
export interface StoredRevision {
  hash: string;
  snapshot: PageSnapshot;
}

export async function getRevisionRow(db: DbOrTx, orgId: string, pageId: number, revisionId: number) {
  const [row] = await db
    .select({
      id: pageRevisions.id,
      number: pageRevisions.number,
      stored: pageRevisions.snapshotJson,
      publishedBy: pageRevisions.publishedBy,
      createdAt: pageRevisions.createdAt,
    })
    .from(pageRevisions)
    .where(and(eq(pageRevisions.organizationId, orgId), eq(pageRevisions.pageId, pageId), eq(pageRevisions.id, revisionId)))
    .limit(1);
  if (!row) throw notFound("Revision", revisionId);
  const stored = row.stored as unknown as StoredRevision;
  return { id: row.id, number: row.number, hash: stored.hash, snapshot: stored.snapshot, publishedBy: row.publishedBy, createdAt: row.createdAt };
}

export type RevisionRow = Awaited<ReturnType<typeof getRevisionRow>>;

/** Newest first; summaries only (snapshots can be large). */
export async function listRevisions(db: Db, orgId: string, pageId: number) {
  const page = await loadPage(db, orgId, pageId);
  const rows = await db
    .select({
      id: pageRevisions.id,
      number: pageRevisions.number,
      publishedBy: pageRevisions.publishedBy,
      createdAt: pageRevisions.createdAt,
    })
    .from(pageRevisions)
    .where(and(eq(pageRevisions.organizationId, orgId), eq(pageRevisions.pageId, pageId)))
    .orderBy(desc(pageRevisions.number));
  const who = await publisherLabels(db, orgId, rows.map((r) => r.publishedBy));
  return rows.map((r) => ({ ...r, publishedByLabel: r.publishedBy ? (who.get(r.publishedBy) ?? r.publishedBy) : null, current: r.id === page.revisionId }));
}

/** A revision by its number on the page (1, 2, …), or NOT_FOUND. */
export async function getRevisionByNumber(db: DbOrTx, orgId: string, pageId: number, number: number) {
  const [row] = await db
    .select({ id: pageRevisions.id })
    .from(pageRevisions)
    .where(and(eq(pageRevisions.organizationId, orgId), eq(pageRevisions.pageId, pageId), eq(pageRevisions.number, number)))
    .limit(1);
  if (!row) throw notFound("Revision", number);
  return getRevisionRow(db, orgId, pageId, row.id);
}
