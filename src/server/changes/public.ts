/**
 * The public changelog of a published page (`public.changes`, the `/{slug}/changes` page and the
 * Atom feeds): entries of `verdict_changes`, newest first, optionally narrowed to one Finder
 * selection ("the models for my app"). Published pages only; the tenant comes from the context.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { publicPages } from "~/server/db/schema";
import { notFound } from "~/server/errors";
import type { OrgInfo } from "~/server/auth/types";
import { loadSourceRecordsByPath } from "~/server/catalog";
import { getRevisionRow } from "~/server/pages/published/revisions";
import { listChanges, type ChangelogEntry } from "./changelog";

/** Pairs listed per public entry (the counts cover all of them). */
export const PUBLIC_PAIRS = 100;
/** A selection narrows to at most this many source rows. */
const SELECTION_SOURCES = 5000;

export async function findPublished(db: Db, orgId: string, slug: string) {
  const [page] = await db
    .select({ id: publicPages.id, slug: publicPages.slug, name: publicPages.name, revisionId: publicPages.revisionId, updatedAt: publicPages.updatedAt })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, orgId), eq(publicPages.slug, slug), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)))
    .limit(1);
  if (!page) throw notFound("Page", slug);
  return page as typeof page & { revisionId: number };
}

export interface PublicChanges {
  page: { slug: string; name: string; orgName: string; revision: number };
  /** The selection the entries were narrowed to, if any. */
  path: string[] | null;
  items: ChangelogEntry[];
  nextCursor: number | null;
}

export async function publicChanges(db: Db, org: OrgInfo, slug: string, opts: { cursor?: number; limit?: number; path?: string[] } = {}): Promise<PublicChanges> {
  const page = await findPublished(db, org.id, slug);
  const rev = await getRevisionRow(db, org.id, page.id, page.revisionId);
  const limit = opts.limit ?? 20;
  const head = { page: { slug: page.slug, name: page.name, orgName: org.name, revision: rev.number } };
  if (!opts.path || opts.path.length === 0) {
    const list = await listChanges(db, org.id, page.id, { cursor: opts.cursor, limit, pairsLimit: PUBLIC_PAIRS });
    return { ...head, path: null, ...list };
  }
  const sources = await loadSourceRecordsByPath(db, org.id, rev.snapshot.sourceDatasetId, opts.path, { limit: SELECTION_SOURCES });
  const keys = new Set(sources.map((s) => s.key));
  // Narrowed: only the selection's pairs, counted again; entries that touch none are left out.
  const list = await listChanges(db, org.id, page.id, { cursor: opts.cursor, limit: 200 });
  const items = list.items
    .map((e) => {
      const pairs = e.pairs.filter((p) => keys.has(p.sourceKey));
      const better = pairs.filter((p) => p.to > p.from).length;
      return { ...e, pairs: pairs.slice(0, PUBLIC_PAIRS), changed: pairs.length, better, worse: pairs.length - better };
    })
    .filter((e) => e.changed > 0 || e.cause === "publish")
    .slice(0, limit);
  return { ...head, path: opts.path, items, nextCursor: items.length === limit ? items[items.length - 1]!.id : list.nextCursor };
}
