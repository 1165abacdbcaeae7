/**
 * Builds the Convex deliveries of a published page (shapes: convex/lib/deliveries.ts). Only
 * published state goes out: the display of the current revision at the datasets' current
 * versions, the option index built for exactly those, and cached results under their keys.
 */
import type { DbOrTx } from "~/server/db/client";
import { dimensionsOf } from "~/server/catalog";
import type { PendingDelivery } from "~/server/sync";
import type { ResultIdentity } from "~/lib/result-key";
import { datasetsOf } from "../model";
import { effectiveMinDepth } from "../draft/policies";
import { getRevisionRow, type RevisionRow } from "./revisions";
import { shardValues, type OptionSet } from "./option-index";

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
  const { source, target } = await datasetsOf(db, orgId, snap);
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

/**
 * One delivery per option set (level + parent): Convex replaces a whole set at a time. Values get
 * their enum labels (`labels[level]`, the published display's `optionLabels`) as `public.options`
 * adds them, so the browser's Convex reader shows "Backend service" too; a labelled set is
 * re-sharded, since labels make values longer than the index's shards were sized for.
 */
export function optionShardDeliveries(
  orgId: string,
  orgSlug: string,
  pageId: number,
  revisionId: number,
  sourceVersion: number,
  sets: OptionSet[],
  labels: Record<string, string>[] = [],
): PendingDelivery[] {
  return sets.map(labelled(labels)).map((set) => ({
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

function labelled(labels: Record<string, string>[]) {
  return (set: OptionSet): OptionSet => {
    const of = labels[set.level] ?? {};
    const values = set.shards.flat();
    if (!values.some((v) => of[v.value])) return set;
    return { ...set, shards: shardValues(values.map((v) => (of[v.value] ? { ...v, label: of[v.value] } : v))) };
  };
}

export function resultDelivery(orgId: string, orgSlug: string, id: ResultIdentity, cacheKey: string, payload: unknown) {
  return {
    kind: "result-cache" as const,
    organizationId: orgId,
    orgSlug,
    pageId: String(id.pageId),
    revisionId: id.revisionId,
    data: {
      cacheKey,
      kind: id.kind,
      selectionHash: id.selectionHash,
      page: id.page,
      sourceVersion: id.sourceVersion,
      targetVersion: id.targetVersion,
      payload,
    },
  };
}
