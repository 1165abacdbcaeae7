/**
 * Public, read-only queries for public pages. A page is found by tenant slug and page
 * slug; everything else is read for that page's current revision only, so a page never
 * shows data of a revision (or dataset version) it no longer publishes. `null` means
 * "not cached": the caller falls back to the tRPC public procedures.
 */
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { query, type QueryCtx } from "./_generated/server";
import { optionValueValidator, pageDisplayData } from "./lib/deliveries";

const pageRef = { orgSlug: v.string(), slug: v.string() };

/** Slug pairs are unique in PlanetScale, but renames can overlap here until every delivery lands. */
const MAX_SLUG_CANDIDATES = 8;

async function findDisplay(ctx: QueryCtx, orgSlug: string, slug: string): Promise<Doc<"pageDisplays"> | null> {
  const candidates = await ctx.db
    .query("pageDisplays")
    .withIndex("by_orgSlug_and_slug", (q) => q.eq("orgSlug", orgSlug).eq("slug", slug))
    .take(MAX_SLUG_CANDIDATES);
  // While a rename is in flight two pages may hold the slug; the latest sync reflects PlanetScale.
  let best: Doc<"pageDisplays"> | null = null;
  for (const doc of candidates) if (!best || doc.syncedAt > best.syncedAt) best = doc;
  return best;
}

/** The display of a published page, or null. Internal ids are not exposed. */
export const getBySlug = query({
  args: pageRef,
  returns: v.union(
    v.null(),
    v.object({
      orgSlug: v.string(),
      pageId: v.string(),
      revisionId: v.number(),
      ...pageDisplayData.fields,
      syncedAt: v.number(),
    }),
  ),
  handler: async (ctx, { orgSlug, slug }) => {
    const display = await findDisplay(ctx, orgSlug, slug);
    if (!display) return null;
    return {
      orgSlug: display.orgSlug,
      pageId: display.pageId,
      revisionId: display.revisionId,
      slug: display.slug,
      name: display.name,
      template: display.template,
      dimensions: display.dimensions,
      messaging: display.messaging,
      sourceVersion: display.sourceVersion,
      targetVersion: display.targetVersion,
      minDepth: display.minDepth,
      syncedAt: display.syncedAt,
    };
  },
});

/** Dropdown options of one level under one parent, reassembled from its shards in order. */
export const getOptions = query({
  args: { ...pageRef, level: v.number(), parentHash: v.string() },
  returns: v.union(v.null(), v.object({ values: v.array(optionValueValidator) })),
  handler: async (ctx, { orgSlug, slug, level, parentHash }) => {
    const display = await findDisplay(ctx, orgSlug, slug);
    if (!display) return null;
    const shards = await ctx.db
      .query("optionShards")
      .withIndex("by_org_page_revision_level_parent_shard", (q) =>
        q
          .eq("organizationId", display.organizationId)
          .eq("pageId", display.pageId)
          .eq("revisionId", display.revisionId)
          .eq("level", level)
          .eq("parentHash", parentHash),
      )
      .collect();
    // A set is written in one transaction, so anything but shards 0..n-1 of the display's
    // source version means "not built for what is published yet".
    const complete =
      shards.length > 0 && shards.every((doc, i) => doc.shard === i && doc.sourceVersion === display.sourceVersion);
    if (!complete) return null;
    return { values: shards.flatMap((doc) => doc.values) };
  },
});

async function findResult(
  ctx: QueryCtx,
  args: { orgSlug: string; slug: string; cacheKey: string },
  kind: Doc<"resultCache">["kind"],
) {
  const display = await findDisplay(ctx, args.orgSlug, args.slug);
  if (!display) return null;
  const result = await ctx.db
    .query("resultCache")
    .withIndex("by_org_page_revision_cacheKey", (q) =>
      q
        .eq("organizationId", display.organizationId)
        .eq("pageId", display.pageId)
        .eq("revisionId", display.revisionId)
        .eq("cacheKey", args.cacheKey),
    )
    .unique();
  // The key already encodes the versions; checking them again keeps a wrong key from serving stale data.
  const current =
    result !== null &&
    result.kind === kind &&
    result.sourceVersion === display.sourceVersion &&
    result.targetVersion === display.targetVersion;
  return current ? { payloadJson: result.payloadJson } : null;
}

const resultArgs = { ...pageRef, cacheKey: v.string() };

/**
 * Results are returned as JSON text, not as an object: a payload may hold tenant data in
 * object keys, which Convex values cannot carry. The client `JSON.parse`s `payloadJson`.
 */
const resultReturns = v.union(v.null(), v.object({ payloadJson: v.string() }));

/** A cached Finder result page of the current revision, or null. */
export const getResult = query({
  args: resultArgs,
  returns: resultReturns,
  handler: (ctx, args) => findResult(ctx, args, "finder"),
});

/** A cached Matrix grid of the current revision, or null. */
export const getMatrixData = query({
  args: resultArgs,
  returns: resultReturns,
  handler: (ctx, args) => findResult(ctx, args, "matrix"),
});
