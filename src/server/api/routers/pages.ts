import { z } from "zod";
import { RESERVED_PAGE_SLUGS } from "~/server/tenancy/resolve-tenant";
import { adminProcedure, createTRPCRouter, orgProcedure } from "~/server/api/trpc";
import {
  checkPagePair,
  createPage,
  deletePage,
  evaluatePage,
  getPageDetail,
  listPages,
  listRevisions,
  matrixOfPage,
  MAX_MATRIX_ROWS,
  policyInput,
  publishPage,
  publishPreview,
  templates,
  updatePage,
} from "~/server/pages";
import { diffPage, pageChangelog } from "~/server/changes";

const id = z.number().int().positive();
/** URL-safe: lowercase letters, digits and inner dashes. */
const slug = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and dashes (not at either end)")
  .refine((s) => !RESERVED_PAGE_SLUGS.includes(s), { message: `${RESERVED_PAGE_SLUGS.join(", ")} are paths of the platform's own; choose another slug` });
/** A revision number, `live` (the current revision) or `draft`. */
const diffSide = z.union([z.number().int().positive(), z.enum(["live", "draft"])]);
const headline = z.string().trim().min(1).max(200);
const messaging = z.object({ headline2: headline, headline1: headline, headline0: headline }).partial();
/** A selection: dimension values in cascade order, optionally ending with a row key. */
export const selectionPath = z.array(z.string().max(255)).max(10);

const pageFields = {
  slug,
  name: z.string().trim().min(1).max(255),
  template: z.enum(templates),
  sourceDatasetId: id,
  targetDatasetId: id,
  selectionPolicy: policyInput.optional(),
  devicePolicy: policyInput.optional(),
  messaging: messaging.optional(),
};

export const pagesRouter = createTRPCRouter({
  list: orgProcedure.query(({ ctx }) => listPages(ctx.db, ctx.org.id)),
  get: orgProcedure.input(z.object({ id })).query(({ ctx, input }) => getPageDetail(ctx.db, ctx.org.id, input.id)),
  create: adminProcedure.input(z.object({ ...pageFields, copyFromPageId: id.optional() })).mutation(({ ctx, input }) => createPage(ctx.scope, input)),
  update: adminProcedure
    .input(z.object({ id, ...pageFields }).partial().required({ id: true }))
    .mutation(({ ctx, input: { id: pageId, ...patch } }) => updatePage(ctx.scope, pageId, patch)),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deletePage(ctx.scope, input.id)),

  publish: adminProcedure
    .input(z.object({ pageId: id, note: z.string().trim().max(1000).optional() }))
    .mutation(({ ctx, input }) => publishPage(ctx.scope, input.pageId, { note: input.note || null })),
  /** Which pairs change verdict between two states of the page (revision numbers, `live`, `draft`), and why. */
  diff: orgProcedure
    .input(z.object({ pageId: id, from: diffSide, to: diffSide }))
    .query(({ ctx, input }) => diffPage(ctx.db, ctx.org.id, input.pageId, input.from, input.to)),
  /** The page's changelog (publishes and data changes that moved verdicts), newest first. */
  changes: orgProcedure
    .input(z.object({ pageId: id, cursor: z.number().int().positive().optional(), limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) => pageChangelog(ctx.db, ctx.org.id, input.pageId, input)),
  revisions: orgProcedure.input(z.object({ pageId: id })).query(({ ctx, input }) => listRevisions(ctx.db, ctx.org.id, input.pageId)),
  /** What `publish` would change: the draft against the live revision. */
  publishPreview: orgProcedure.input(z.object({ pageId: id })).query(({ ctx, input }) => publishPreview(ctx.db, ctx.org.id, input.pageId)),

  evaluate: orgProcedure
    .input(z.object({ pageId: id, path: selectionPath, page: z.number().int().min(1).max(100_000).default(1), draft: z.boolean().default(true) }))
    .query(({ ctx, input }) => evaluatePage(ctx.db, ctx.org.id, input.pageId, input)),
  check: orgProcedure
    .input(z.object({ pageId: id, sourceKey: z.string().min(1).max(512), targetKey: z.string().min(1).max(512), draft: z.boolean().default(true) }))
    .query(({ ctx, input }) => checkPagePair(ctx.db, ctx.org.id, input.pageId, input)),
  matrix: orgProcedure
    .input(
      z.object({
        pageId: id,
        rowOffset: z.number().int().min(0).max(10_000_000).default(0),
        rowLimit: z.number().int().min(1).max(MAX_MATRIX_ROWS).default(50),
        draft: z.boolean().default(true),
      }),
    )
    .query(({ ctx, input }) => matrixOfPage(ctx.db, ctx.org.id, input.pageId, input)),
});
