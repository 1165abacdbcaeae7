/**
 * Writes into the cache. Internal only: the app reaches them through the secret-guarded
 * HTTP action in `http.ts`.
 *
 * Ordering: deliveries may arrive twice or out of order (outbox retries), so each one is
 * compared with what is stored. A delivery is stale, and ignored, when its revision is
 * older than the stored display's (or than a removal's), or when it has the same revision
 * but was built from an older dataset version. Applying a delivery twice leaves the same
 * state. Data of older revisions and versions is purged once a newer display lands.
 */
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { purge, purgeArgs } from "./lib/purge";
import { deliveryTarget, optionShardsData, pageDisplayData, storedResult } from "./lib/deliveries";

const outcome = v.union(v.literal("applied"), v.literal("ignored"));

type Generation = { revisionId: number; sourceVersion?: number; targetVersion?: number };

async function loadPageState(ctx: MutationCtx, organizationId: string, pageId: string) {
  const display = await ctx.db
    .query("pageDisplays")
    .withIndex("by_org_and_page", (q) => q.eq("organizationId", organizationId).eq("pageId", pageId))
    .unique();
  const removal = await ctx.db
    .query("pageRemovals")
    .withIndex("by_org_and_page", (q) => q.eq("organizationId", organizationId).eq("pageId", pageId))
    .unique();
  return { display, removal };
}

function isStale(
  state: { display: Doc<"pageDisplays"> | null; removal: Doc<"pageRemovals"> | null },
  gen: Generation,
): boolean {
  if (state.removal && gen.revisionId <= state.removal.revisionId) return true;
  const current = state.display;
  if (!current || gen.revisionId > current.revisionId) return false;
  if (gen.revisionId < current.revisionId) return true;
  // Same revision: an import may have moved a dataset version since this was built.
  return (
    (gen.sourceVersion !== undefined && gen.sourceVersion < current.sourceVersion) ||
    (gen.targetVersion !== undefined && gen.targetVersion < current.targetVersion)
  );
}

/** Upserts the display of a published page and purges data older than it. */
export const syncPageDisplay = internalMutation({
  args: { ...deliveryTarget, data: pageDisplayData, sequence: v.optional(v.number()) },
  returns: outcome,
  handler: async (ctx, { organizationId, orgSlug, pageId, revisionId, data, sequence }) => {
    const state = await loadPageState(ctx, organizationId, pageId);
    const gen = { revisionId, sourceVersion: data.sourceVersion, targetVersion: data.targetVersion };
    if (isStale(state, gen)) return "ignored";
    // Same generation, older outbox entry (a retried display arriving after a rename's): keep the newer one.
    const current = state.display;
    if (
      current &&
      current.revisionId === revisionId &&
      current.sourceVersion === data.sourceVersion &&
      current.targetVersion === data.targetVersion &&
      sequence !== undefined &&
      current.sequence !== undefined &&
      sequence < current.sequence
    ) {
      return "ignored";
    }

    const row = {
      organizationId,
      orgSlug,
      pageId,
      status: "published" as const,
      revisionId,
      ...data,
      sequence,
      syncedAt: Date.now(),
    };
    if (state.display) await ctx.db.replace("pageDisplays", state.display._id, row);
    else await ctx.db.insert("pageDisplays", row);
    if (state.removal) await ctx.db.delete("pageRemovals", state.removal._id);

    await claimOrgSlug(ctx, organizationId, orgSlug);
    await purge(ctx, {
      organizationId,
      pageId,
      mode: "older",
      revisionId,
      sourceVersion: gen.sourceVersion,
      targetVersion: gen.targetVersion,
    });
    return "applied";
  },
});

/**
 * A tenant slug belongs to the organization that last synced a page with it. Renames and
 * slugs reused by another tenant would otherwise leave displays answering under the
 * wrong tenant; the evicted pages are simply rebuilt by their next sync.
 */
async function claimOrgSlug(ctx: MutationCtx, organizationId: string, orgSlug: string) {
  const sameSlug = await ctx.db
    .query("pageDisplays")
    .withIndex("by_orgSlug_and_slug", (q) => q.eq("orgSlug", orgSlug))
    .collect();
  for (const other of sameSlug) {
    if (other.organizationId !== organizationId) await ctx.db.delete("pageDisplays", other._id);
  }
  const ownPages = await ctx.db
    .query("pageDisplays")
    .withIndex("by_org_and_page", (q) => q.eq("organizationId", organizationId))
    .collect();
  for (const own of ownPages) {
    if (own.orgSlug !== orgSlug) await ctx.db.patch("pageDisplays", own._id, { orgSlug });
  }
}

/** Replaces the whole option set of one level under one parent for a revision. */
export const syncOptionShards = internalMutation({
  args: { ...deliveryTarget, data: optionShardsData },
  returns: outcome,
  handler: async (ctx, { organizationId, pageId, revisionId, data }) => {
    const state = await loadPageState(ctx, organizationId, pageId);
    if (isStale(state, { revisionId, sourceVersion: data.sourceVersion })) return "ignored";

    const existing = await ctx.db
      .query("optionShards")
      .withIndex("by_org_page_revision_level_parent_shard", (q) =>
        q
          .eq("organizationId", organizationId)
          .eq("pageId", pageId)
          .eq("revisionId", revisionId)
          .eq("level", data.level)
          .eq("parentHash", data.parentHash),
      )
      .collect();
    // The display may lag behind; never let an older build overwrite a newer one.
    if (existing.some((doc) => doc.sourceVersion > data.sourceVersion)) return "ignored";

    for (const doc of existing) await ctx.db.delete("optionShards", doc._id);
    const syncedAt = Date.now();
    for (const [shard, { values }] of data.shards.entries()) {
      await ctx.db.insert("optionShards", {
        organizationId,
        pageId,
        revisionId,
        sourceVersion: data.sourceVersion,
        level: data.level,
        parentHash: data.parentHash,
        shard,
        values,
        syncedAt,
      });
    }
    return "applied";
  },
});

/** Stores one cached result page under its cache key. */
export const syncResultCache = internalMutation({
  args: { ...deliveryTarget, data: storedResult },
  returns: outcome,
  handler: async (ctx, { organizationId, pageId, revisionId, data }) => {
    const state = await loadPageState(ctx, organizationId, pageId);
    if (isStale(state, { revisionId, sourceVersion: data.sourceVersion, targetVersion: data.targetVersion })) {
      return "ignored";
    }
    const existing = await ctx.db
      .query("resultCache")
      .withIndex("by_org_page_revision_cacheKey", (q) =>
        q
          .eq("organizationId", organizationId)
          .eq("pageId", pageId)
          .eq("revisionId", revisionId)
          .eq("cacheKey", data.cacheKey),
      )
      .unique();
    const row = { organizationId, pageId, revisionId, ...data, syncedAt: Date.now() };
    if (existing) await ctx.db.replace("resultCache", existing._id, row);
    else await ctx.db.insert("resultCache", row);
    return "applied";
  },
});

/** Unpublish or delete: drops the page's display and everything up to this revision. */
export const removePage = internalMutation({
  args: deliveryTarget,
  returns: outcome,
  handler: async (ctx, { organizationId, pageId, revisionId }) => {
    const state = await loadPageState(ctx, organizationId, pageId);
    // A repeated removal is a no-op either way; report it as ignored.
    if (isStale(state, { revisionId })) return "ignored";

    if (state.display) await ctx.db.delete("pageDisplays", state.display._id);
    const removal = { organizationId, pageId, revisionId, removedAt: Date.now() };
    if (state.removal) await ctx.db.replace("pageRemovals", state.removal._id, removal);
    else await ctx.db.insert("pageRemovals", removal);
    await purge(ctx, { organizationId, pageId, mode: "through", revisionId });
    return "applied";
  },
});

/** Continues a purge that did not fit in one transaction. */
export const purgePage = internalMutation({
  args: purgeArgs,
  returns: v.null(),
  handler: async (ctx, args) => {
    await purge(ctx, args);
    return null;
  },
});
