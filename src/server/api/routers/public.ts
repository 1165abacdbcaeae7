import { z } from "zod";
import { createTRPCRouter, publicTenantProcedure } from "~/server/api/trpc";
import { MAX_MATRIX_ROWS, publicMatrix, publicPagesList, publicOptions, publicPageInfo, publicResult, publicSummary, publicWhatIf } from "~/server/pages";
import { publicChanges } from "~/server/changes";
import { selectionPath } from "./pages";

/** Page slugs only: the tenant comes from the host or `/p/{orgSlug}`, never from input. */
const slug = z.string().min(1).max(64);

/** A past published revision's number: the page as of that revision (docs/changes.md, "As of"). */
const revision = z.number().int().min(1).max(1_000_000).optional();

/** Inputs of the cacheable public reads, shared with their HTTP fast path (src/server/api/public-http.ts). */
export const publicInputs = {
  /** The tenant's published pages (no input). */
  pages: z.object({}).optional(),
  page: z.object({ slug, revision }),
  options: z.object({ slug, level: z.number().int().min(0).max(10), path: selectionPath, revision }),
  result: z.object({ slug, path: selectionPath, page: z.number().int().min(1).max(100_000).default(1), revision }),
  summary: z.object({ slug, path: selectionPath, page: z.number().int().min(1).max(100_000).default(1), revision }),
  matrix: z.object({
    slug,
    revision,
    rowOffset: z.number().int().min(0).max(10_000_000).default(0),
    rowLimit: z.number().int().min(1).max(MAX_MATRIX_ROWS).default(50),
  }),
};

export const publicRouter = createTRPCRouter({
  pages: publicTenantProcedure.input(publicInputs.pages).query(({ ctx }) => publicPagesList(ctx.db, ctx.publicOrg)),
  page: publicTenantProcedure.input(publicInputs.page).query(({ ctx, input }) => publicPageInfo(ctx.db, ctx.publicOrg, input.slug, input.revision)),
  options: publicTenantProcedure
    .input(publicInputs.options)
    .query(({ ctx, input }) => publicOptions(ctx.db, ctx.publicOrg, input.slug, input.level, input.path, input.revision)),
  result: publicTenantProcedure
    .input(publicInputs.result)
    .query(({ ctx, input }) => publicResult(ctx.db, ctx.publicOrg, input.slug, input.path, input.page, input.revision)),
  /** `result` without per-feature explanations, statuses as letters: the list's first screen (src/lib/compact-result.ts). */
  summary: publicTenantProcedure
    .input(publicInputs.summary)
    .query(({ ctx, input }) => publicSummary(ctx.db, ctx.publicOrg, input.slug, input.path, input.page, input.revision)),
  matrix: publicTenantProcedure
    .input(publicInputs.matrix)
    .query(({ ctx, input }) => publicMatrix(ctx.db, ctx.publicOrg, input.slug, input.rowOffset, input.rowLimit, input.revision)),
  /** One pair: plain-language breakdown, what would make it compatible, alternatives; `changes` tries source values. */
  whatIf: publicTenantProcedure
    .input(
      z.object({
        slug,
        sourceKey: z.string().min(1).max(255),
        targetKey: z.string().min(1).max(255),
        changes: z.record(z.string().max(64), z.union([z.string().max(255), z.number(), z.boolean(), z.null()])).default({}).refine((c) => Object.keys(c).length <= 20, "at most 20 changes"),
      }),
    )
    .query(({ ctx, input }) => publicWhatIf(ctx.db, ctx.publicOrg, input.slug, input)),
  /** The page's changelog, newest first; `path` narrows it to one Finder selection (docs/changes.md). */
  changes: publicTenantProcedure
    .input(z.object({ slug, cursor: z.number().int().positive().optional(), path: selectionPath.optional() }))
    .query(({ ctx, input }) => publicChanges(ctx.db, ctx.publicOrg, input.slug, input)),
});
