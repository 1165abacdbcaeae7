import { z } from "zod";
import { createTRPCRouter, publicTenantProcedure } from "~/server/api/trpc";
import { MAX_MATRIX_ROWS, publicMatrix, publicOptions, publicPageInfo, publicResult } from "~/server/pages";
import { selectionPath } from "./pages";

/** Page slugs only: the tenant comes from the host or `/p/{orgSlug}`, never from input. */
const slug = z.string().min(1).max(64);

export const publicRouter = createTRPCRouter({
  page: publicTenantProcedure.input(z.object({ slug })).query(({ ctx, input }) => publicPageInfo(ctx.db, ctx.publicOrg, input.slug)),
  options: publicTenantProcedure
    .input(z.object({ slug, level: z.number().int().min(0).max(10), path: selectionPath }))
    .query(({ ctx, input }) => publicOptions(ctx.db, ctx.publicOrg, input.slug, input.level, input.path)),
  result: publicTenantProcedure
    .input(z.object({ slug, path: selectionPath, page: z.number().int().min(1).max(100_000).default(1) }))
    .query(({ ctx, input }) => publicResult(ctx.db, ctx.publicOrg, input.slug, input.path, input.page)),
  matrix: publicTenantProcedure
    .input(
      z.object({
        slug,
        rowOffset: z.number().int().min(0).max(10_000_000).default(0),
        rowLimit: z.number().int().min(1).max(MAX_MATRIX_ROWS).default(50),
      }),
    )
    .query(({ ctx, input }) => publicMatrix(ctx.db, ctx.publicOrg, input.slug, input.rowOffset, input.rowLimit)),
});
