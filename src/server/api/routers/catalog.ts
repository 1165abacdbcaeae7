import { z } from "zod";
import { adminProcedure, createTRPCRouter, orgProcedure } from "~/server/api/trpc";
import {
  createDataset,
  createDefinition,
  deleteDataset,
  deleteDefinition,
  dimensionOptions,
  getDataset,
  getDefinition,
  getImport,
  importInput,
  listDatasets,
  listDefinitions,
  listImports,
  listRows,
  startImport,
  updateDefinition,
  type Side,
} from "~/server/catalog";

const id = z.number().int().positive();
const definitionFields = {
  slug: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(255),
  description: z.string().max(5000).nullable().optional(),
  // Validated in the catalog (zod there too), where the side's and the tier's rules also apply.
  schema: z.unknown(),
};

/** definitions, datasets, imports: the same procedures on both sides. */
function sideProcedures(side: Side) {
  return {
    definitions: createTRPCRouter({
      list: orgProcedure.query(({ ctx }) => listDefinitions(ctx.db, ctx.org.id, side)),
      get: orgProcedure.input(z.object({ id })).query(({ ctx, input }) => getDefinition(ctx.db, ctx.org.id, side, input.id)),
      create: adminProcedure
        .input(z.object(definitionFields))
        .mutation(({ ctx, input }) => createDefinition(ctx.scope, ctx.org, side, input)),
      update: adminProcedure
        .input(
          z.object({
            id,
            slug: definitionFields.slug.optional(),
            name: definitionFields.name.optional(),
            description: definitionFields.description,
            schema: definitionFields.schema.optional(),
          }),
        )
        .mutation(({ ctx, input: { id: defId, ...patch } }) => updateDefinition(ctx.scope, ctx.org, side, defId, patch)),
      delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteDefinition(ctx.scope, side, input.id)),
    }),
    datasets: createTRPCRouter({
      list: orgProcedure
        .input(z.object({ definitionId: id.optional() }).optional())
        .query(({ ctx, input }) => listDatasets(ctx.db, ctx.org.id, side, { definitionId: input?.definitionId })),
      get: orgProcedure.input(z.object({ id })).query(({ ctx, input }) => getDataset(ctx.db, ctx.org.id, side, input.id)),
      create: adminProcedure
        .input(z.object({ definitionId: id, name: z.string().trim().min(1).max(255) }))
        .mutation(({ ctx, input }) => createDataset(ctx.scope, side, input)),
      delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteDataset(ctx.scope, side, input.id)),
      rows: orgProcedure
        .input(
          z.object({
            datasetId: id,
            limit: z.number().int().min(1).max(200).default(50),
            cursor: z.string().max(2000).optional(),
            search: z.string().max(200).optional(),
          }),
        )
        .query(({ ctx, input }) => listRows(ctx.db, ctx.org.id, side, input.datasetId, input)),
      /** FormData upload (dashboard) or `{ datasetId, format, content }` (scripts): see docs/catalog.md. */
      import: adminProcedure.input(importInput).mutation(({ ctx, input }) => startImport(ctx.scope, ctx.org, side, input)),
    }),
    imports: createTRPCRouter({
      get: orgProcedure.input(z.object({ id })).query(({ ctx, input }) => getImport(ctx.db, ctx.org.id, side, input.id)),
      list: orgProcedure
        .input(z.object({ datasetId: id.optional(), limit: z.number().int().min(1).max(100).default(20) }).optional())
        .query(({ ctx, input }) => listImports(ctx.db, ctx.org.id, side, { datasetId: input?.datasetId, limit: input?.limit ?? 20 })),
    }),
  };
}

const sourceCatalogRouter = () =>
  createTRPCRouter({
    ...sideProcedures("source"),
    dimensions: createTRPCRouter({
      options: orgProcedure
        .input(z.object({ datasetId: id, path: z.array(z.string().max(255)).max(11).default([]) }))
        .query(({ ctx, input }) => dimensionOptions(ctx.db, ctx.org.id, input.datasetId, input.path)),
    }),
  });
const targetCatalogRouter = () => createTRPCRouter(sideProcedures("target"));

/** `sources.*` and `targets.*` (docs/architecture.md#api): one factory; only sources have dimensions. */
export function createCatalogRouter(side: "source"): ReturnType<typeof sourceCatalogRouter>;
export function createCatalogRouter(side: "target"): ReturnType<typeof targetCatalogRouter>;
export function createCatalogRouter(side: Side) {
  return side === "source" ? sourceCatalogRouter() : targetCatalogRouter();
}
