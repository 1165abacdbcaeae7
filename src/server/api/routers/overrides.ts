import { z } from "zod";
import { adminProcedure, createTRPCRouter, orgProcedure } from "~/server/api/trpc";
import { deleteOverride, listOverrides, upsertOverride } from "~/server/pages";

const id = z.number().int().positive();
/** A row key, or `*` / null for "any row". */
const key = z.string().min(1).max(512).nullable();

export const overridesRouter = createTRPCRouter({
  list: orgProcedure.input(z.object({ pageId: id })).query(({ ctx, input }) => listOverrides(ctx.db, ctx.org.id, input.pageId)),
  upsert: adminProcedure
    .input(
      z.object({
        pageId: id,
        sourceKey: key,
        targetKey: key,
        verdict: z.union([z.literal(0), z.literal(1), z.literal(2)]),
        note: z.string().max(2000).nullish(),
      }),
    )
    .mutation(({ ctx, input: { pageId, ...override } }) => upsertOverride(ctx.scope, pageId, override)),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteOverride(ctx.scope, input.id)),
});
