/**
 * The changelog of a published page (docs/changes.md): one entry per publish and per dataset
 * change that moved verdicts, each holding the stored verdict diff. Entries are written in the
 * transaction of the change together with their webhook events (`verdict.changed`,
 * `page.published`), so the changelog, the feeds and the webhooks tell the same story.
 */
import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { publicPages, verdictChanges } from "~/server/db/schema";
import type { DatasetChange } from "~/server/catalog";
import type { PageSnapshot } from "~/server/pages/draft/snapshot";
import { getRevisionRow } from "~/server/pages/published/revisions";
import { loadPage } from "~/server/pages/model";
import { enqueueEvent, kickWebhooks } from "~/server/webhooks";
import { diffVerdicts, type PairChange, type VerdictDiff } from "./verdict-diff";
import { computeVerdicts, latestVerdicts, STORED_CELLS_MAX, storeVerdicts } from "./verdict-snapshot";
import { beforeCursor, newestFirstPage } from "~/server/db/paging";

export type ChangeCause = "publish" | "source-data" | "target-data";

/** What `diff_json` holds: the diff without its `before`/`after` counts (kept beside it). */
export type StoredDiff = VerdictDiff;

/** Changed pairs per `verdict.changed` delivery; more pairs go out as further pages of the event. */
export const PAIRS_PER_EVENT = 100;

interface PageRef {
  id: number;
  slug: string;
  name: string;
}

/**
 * Computes the page's verdicts now, diffs them with the newest stored snapshot, stores both and the
 * changelog entry, and enqueues the webhook events. Call inside the transaction of the change.
 */
export async function recordVerdictChange(
  tx: DbOrTx,
  orgId: string,
  page: PageRef,
  revision: { id: number; number: number; snapshot: PageSnapshot },
  cause: ChangeCause,
  opts: { note?: string | null; alwaysRecord?: boolean } = {},
): Promise<{ entryId: number | null; diff: VerdictDiff }> {
  const before = await latestVerdicts(tx, orgId, page.id);
  // Beyond what a snapshot can keep, a stored diff could only compare counts: skip the work.
  const now = await computeVerdicts(tx, orgId, page.id, revision.snapshot, STORED_CELLS_MAX);
  const diff = diffVerdicts(before, now);
  const toSnapshotId = await storeVerdicts(tx, orgId, page.id, revision.id, now);
  const rowsMoved = diff.rows.sourcesAdded + diff.rows.sourcesRemoved + diff.rows.targetsAdded + diff.rows.targetsRemoved;
  if (!opts.alwaysRecord && diff.changed === 0 && rowsMoved === 0 && diff.perPair) return { entryId: null, diff };
  const [entry] = await tx
    .insert(verdictChanges)
    .values({
      organizationId: orgId,
      pageId: page.id,
      revisionId: revision.id,
      revisionNumber: revision.number,
      cause,
      note: opts.note ?? null,
      fromSnapshotId: before?.id ?? null,
      toSnapshotId,
      changed: diff.changed,
      better: diff.better,
      worse: diff.worse,
      diffJson: diff,
    })
    .$returningId();
  const entryId = entry!.id;
  const pageInfo = { id: page.id, slug: page.slug, name: page.name, revision: revision.number };
  if (cause === "publish") {
    await enqueueEvent(tx, orgId, "page.published", { page: pageInfo, note: opts.note ?? null, changeId: entryId, changed: diff.changed, better: diff.better, worse: diff.worse });
  }
  if (diff.changed > 0 || !diff.perPair) {
    const pages = Math.max(1, Math.ceil(diff.pairs.length / PAIRS_PER_EVENT));
    for (let p = 0; p < pages; p++) {
      await enqueueEvent(tx, orgId, "verdict.changed", {
        page: pageInfo,
        changeId: entryId,
        cause,
        changed: diff.changed,
        better: diff.better,
        worse: diff.worse,
        perPair: diff.perPair,
        pairs: diff.pairs.slice(p * PAIRS_PER_EVENT, (p + 1) * PAIRS_PER_EVENT),
        pairsPage: p + 1,
        pairsPages: pages,
        // The stored diff keeps the first pairs only; the counts above cover every pair.
        pairsTruncated: diff.truncated,
      });
    }
  }
  return { entryId, diff };
}

/** Published pages of the organization whose current revision reads the dataset. */
async function pagesReading(db: Db, change: DatasetChange) {
  const pages = await db
    .select({ id: publicPages.id, slug: publicPages.slug, name: publicPages.name, revisionId: publicPages.revisionId })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, change.orgId), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)));
  const out = [];
  for (const p of pages) {
    const rev = await getRevisionRow(db, change.orgId, p.id, p.revisionId!);
    const used = change.side === "source" ? rev.snapshot.sourceDatasetId : rev.snapshot.targetDatasetId;
    if (used === change.datasetId) out.push({ page: p, rev });
  }
  return out;
}

/** The dataset-changed listener: a changelog entry per published page whose verdicts moved. */
export async function recordDatasetChange(change: DatasetChange): Promise<void> {
  for (const { page, rev } of await pagesReading(change.db, change)) {
    await change.db.transaction((tx) =>
      recordVerdictChange(tx, change.orgId, page, { id: rev.id, number: rev.number, snapshot: rev.snapshot }, change.side === "source" ? "source-data" : "target-data"),
    );
  }
  void kickWebhooks();
}

export interface ChangelogEntry {
  id: number;
  revision: number;
  cause: ChangeCause;
  note: string | null;
  createdAt: Date;
  changed: number;
  better: number;
  worse: number;
  perPair: boolean;
  truncated: boolean;
  rows: VerdictDiff["rows"];
  reasons: Record<string, number>;
  after: VerdictDiff["after"];
  pairs: PairChange[];
}

/** Newest first, `limit` entries before `cursor` (an entry id). */
export async function listChanges(db: Db, orgId: string, pageId: number, opts: { cursor?: number; limit: number; pairsLimit?: number }) {
  const rows = await db
    .select({
      id: verdictChanges.id,
      revision: verdictChanges.revisionNumber,
      cause: verdictChanges.cause,
      note: verdictChanges.note,
      createdAt: verdictChanges.createdAt,
      changed: verdictChanges.changed,
      better: verdictChanges.better,
      worse: verdictChanges.worse,
      diff: verdictChanges.diffJson,
    })
    .from(verdictChanges)
    .where(and(eq(verdictChanges.organizationId, orgId), eq(verdictChanges.pageId, pageId), beforeCursor(verdictChanges.id, opts.cursor)))
    .orderBy(desc(verdictChanges.id))
    .limit(opts.limit + 1);
  const page = newestFirstPage(rows, opts.limit);
  const items: ChangelogEntry[] = page.items.map(({ diff, ...r }) => {
    const d = diff as VerdictDiff;
    return {
      ...r,
      perPair: d.perPair,
      truncated: d.truncated || (opts.pairsLimit !== undefined && d.pairs.length > opts.pairsLimit),
      rows: d.rows,
      reasons: d.reasons,
      after: d.after,
      pairs: opts.pairsLimit !== undefined ? d.pairs.slice(0, opts.pairsLimit) : d.pairs,
    };
  });
  return { items, nextCursor: page.nextCursor };
}

/** `pages.changes`: the admin's view of a page's changelog (any page of the organization). */
export async function pageChangelog(db: Db, orgId: string, pageId: number, opts: { cursor?: number; limit: number }) {
  await loadPage(db, orgId, pageId);
  return listChanges(db, orgId, pageId, opts);
}
