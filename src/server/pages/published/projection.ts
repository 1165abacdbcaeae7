/**
 * The published projection of a page: everything derived from its live revision at its datasets'
 * current versions — the option index, the pruned result cache, and the Convex deliveries (display
 * and option shards). One refresh sequence, run inside the transaction of whatever moved it:
 * publish, an import that changed a dataset, `sync.rebuild`.
 */
import type { Db, DbOrTx } from "~/server/db/client";
import { orgSlugOf } from "~/server/org/orgs";
import { enqueueSync, kickDrain } from "~/server/sync";
import { datasetsOf, loadPage, type Datasets } from "../model";
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
  const orgSlug = await orgSlugOf(tx, orgId);
  await enqueueSync(tx, await pageDisplayDelivery(tx, orgId, orgSlug, { ...page, revisionId: revision.id }, revision));
  for (const d of optionShardDeliveries(orgId, orgSlug, page.id, revision.id, ds.source.version, sets)) await enqueueSync(tx, d);
  return { ds, sets, orgSlug };
}

/**
 * Re-projects one published page in its own transaction (after a dataset changed). With
 * `onlyIfMissing`, does nothing when the option index of the current versions exists.
 */
export async function refreshPublishedPage(db: Db, orgId: string, pageId: number, opts: { onlyIfMissing?: boolean } = {}): Promise<boolean> {
  const refreshed = await db.transaction(async (tx) => {
    const page = await loadPage(tx, orgId, pageId, { forUpdate: true });
    if (!page.revisionId) return false;
    const revision = await getRevisionRow(tx, orgId, pageId, page.revisionId);
    if (opts.onlyIfMissing) {
      const { source } = await datasetsOf(tx, orgId, revision.snapshot);
      if (await hasOptionIndex(tx, orgId, pageId, revision.id, source.version)) return false;
    }
    await projectPublishedPage(tx, orgId, page, revision);
    return true;
  });
  if (refreshed) void kickDrain();
  return refreshed;
}
