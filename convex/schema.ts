/**
 * Convex is a disposable read cache for public pages (docs/convex.md): everything here can be
 * rebuilt from PlanetScale. Every table is namespaced by organization; indexes are named
 * after their fields.
 */
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { optionValueValidator, pageDisplayData, storedResultFields } from "./lib/deliveries";

export default defineSchema({
  /** One row per published page: what the public page renders, and its current revision. */
  pageDisplays: defineTable({
    organizationId: v.string(),
    orgSlug: v.string(),
    pageId: v.string(),
    status: v.literal("published"),
    revisionId: v.number(),
    ...pageDisplayData.fields,
    /**
     * Outbox id of the delivery this display came from. Slug and name are live (not part of the
     * revision), so two displays of one generation can differ; the later outbox entry wins.
     */
    sequence: v.optional(v.number()),
    syncedAt: v.number(),
  })
    .index("by_org_and_page", ["organizationId", "pageId"])
    // Public pages know the tenant by its slug (host or /p/{orgSlug}), not by its id.
    .index("by_orgSlug_and_slug", ["orgSlug", "slug"]),

  /** Dropdown options of one cascade level under one parent, split so no document nears 1 MiB. */
  optionShards: defineTable({
    organizationId: v.string(),
    pageId: v.string(),
    revisionId: v.number(),
    sourceVersion: v.number(),
    level: v.number(),
    parentHash: v.string(),
    shard: v.number(),
    values: v.array(optionValueValidator),
    syncedAt: v.number(),
  })
    .index("by_org_page_revision_level_parent_shard", [
      "organizationId",
      "pageId",
      "revisionId",
      "level",
      "parentHash",
      "shard",
    ])
    // Lets a purge reach exactly the outdated shards without reading the current ones.
    .index("by_org_page_revision_sourceVersion", ["organizationId", "pageId", "revisionId", "sourceVersion"]),

  /** Cached result pages, found by the app-computed cache key. */
  resultCache: defineTable({
    organizationId: v.string(),
    pageId: v.string(),
    revisionId: v.number(),
    ...storedResultFields,
    syncedAt: v.number(),
  })
    .index("by_org_page_revision_cacheKey", ["organizationId", "pageId", "revisionId", "cacheKey"])
    .index("by_org_page_revision_sourceVersion_targetVersion", [
      "organizationId",
      "pageId",
      "revisionId",
      "sourceVersion",
      "targetVersion",
    ]),

  /**
   * Tombstones of unpublished or deleted pages, so a delivery retried after the removal
   * cannot bring the page back. A later publish carries a higher revision and clears it.
   */
  pageRemovals: defineTable({
    organizationId: v.string(),
    pageId: v.string(),
    revisionId: v.number(),
    removedAt: v.number(),
  }).index("by_org_and_page", ["organizationId", "pageId"]),
});
