/**
 * Deleting superseded shards and results. Documents can be large (shards up to 256 KiB),
 * so a purge deletes a bounded batch per transaction and schedules itself for the rest.
 * Queries never read outdated documents, so a purge in progress is invisible.
 */
import { v, type Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

/** Documents deleted per purge transaction; shards can be 256 KiB each, so keep it modest. */
export const PURGE_BATCH = 32;

export const purgeArgs = {
  organizationId: v.string(),
  pageId: v.string(),
  /** `older`: what a display of this generation supersedes; `through`: all up to this revision. */
  mode: v.union(v.literal("older"), v.literal("through")),
  revisionId: v.number(),
  sourceVersion: v.optional(v.number()),
  targetVersion: v.optional(v.number()),
};

const purgeArgsObject = v.object(purgeArgs);
export type PurgeArgs = Infer<typeof purgeArgsObject>;

/** Deletes one batch inline (small pages are clean at once) and schedules the rest. */
export async function purge(ctx: MutationCtx, args: PurgeArgs) {
  let budget = PURGE_BATCH;
  for (const take of outdatedRanges(ctx, args)) {
    const docs = await take(budget);
    for (const doc of docs) {
      if (doc.table === "optionShards") await ctx.db.delete("optionShards", doc.id);
      else await ctx.db.delete("resultCache", doc.id);
    }
    budget -= docs.length;
    if (budget === 0) {
      await ctx.scheduler.runAfter(0, internal.sync.purgePage, args);
      return;
    }
  }
}

type Outdated = { table: "optionShards"; id: Id<"optionShards"> } | { table: "resultCache"; id: Id<"resultCache"> };
type Take = (n: number) => Promise<Outdated[]>;

const shardIds = (docs: Doc<"optionShards">[]): Outdated[] => docs.map((d) => ({ table: "optionShards", id: d._id }));
const resultIds = (docs: Doc<"resultCache">[]): Outdated[] => docs.map((d) => ({ table: "resultCache", id: d._id }));

/** Index ranges that hold exactly the outdated documents, so kept ones are never read. */
function outdatedRanges(ctx: MutationCtx, a: PurgeArgs): Take[] {
  const { organizationId: org, pageId: page, revisionId: rev } = a;
  const shards = () => ctx.db.query("optionShards");
  const results = () => ctx.db.query("resultCache");
  const shardIndex = "by_org_page_revision_sourceVersion";
  const resultIndex = "by_org_page_revision_sourceVersion_targetVersion";

  if (a.mode === "through") {
    return [
      async (n) =>
        shardIds(
          await shards()
            .withIndex(shardIndex, (q) => q.eq("organizationId", org).eq("pageId", page).lte("revisionId", rev))
            .take(n),
        ),
      async (n) =>
        resultIds(
          await results()
            .withIndex(resultIndex, (q) => q.eq("organizationId", org).eq("pageId", page).lte("revisionId", rev))
            .take(n),
        ),
    ];
  }
  const sv = a.sourceVersion ?? 0;
  const tv = a.targetVersion ?? 0;
  return [
    async (n) =>
      shardIds(
        await shards()
          .withIndex(shardIndex, (q) => q.eq("organizationId", org).eq("pageId", page).lt("revisionId", rev))
          .take(n),
      ),
    async (n) =>
      shardIds(
        await shards()
          .withIndex(shardIndex, (q) =>
            q.eq("organizationId", org).eq("pageId", page).eq("revisionId", rev).lt("sourceVersion", sv),
          )
          .take(n),
      ),
    async (n) =>
      resultIds(
        await results()
          .withIndex(resultIndex, (q) => q.eq("organizationId", org).eq("pageId", page).lt("revisionId", rev))
          .take(n),
      ),
    async (n) =>
      resultIds(
        await results()
          .withIndex(resultIndex, (q) =>
            q.eq("organizationId", org).eq("pageId", page).eq("revisionId", rev).lt("sourceVersion", sv),
          )
          .take(n),
      ),
    async (n) =>
      resultIds(
        await results()
          .withIndex(resultIndex, (q) =>
            q
              .eq("organizationId", org)
              .eq("pageId", page)
              .eq("revisionId", rev)
              .eq("sourceVersion", sv)
              .lt("targetVersion", tv),
          )
          .take(n),
      ),
  ];
}
