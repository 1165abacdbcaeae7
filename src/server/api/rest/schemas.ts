/**
 * The REST API's parameters and answers as zod schemas (docs/rest-api.md). Handlers parse requests
 * with them and `openapi.ts` generates the OpenAPI document from them (zod-openapi), so the
 * document cannot drift from what is accepted. Values are handed on to the public procedures'
 * own input schemas (`publicInputs`), which stay the one definition of what a read accepts.
 */
import { z } from "zod";
import "zod-openapi";
import { MAX_MATRIX_ROWS } from "~/server/pages";

const verdict = z.union([z.literal(0), z.literal(1), z.literal(2)]).meta({ id: "Verdict", description: "0 incompatible, 1 partial, 2 compatible" });

export const slugParam = z.object({ slug: z.string().min(1).max(64).meta({ description: "The page's slug", example: "llm-finder" }) });

const revision = z.coerce.number().int().min(1).max(1_000_000).optional().meta({ description: "A past published revision's number (the page as of it); default the live one" });
const path = z
  .array(z.string().min(1).max(255))
  .max(11)
  .default([])
  .meta({ description: "The Finder selection, one value per level from the top (`path=a&path=b`)", example: ["Data extraction", "backend"] });

export const restQueries = {
  pages: z.object({}),
  page: z.object({ revision }),
  options: z.object({
    path,
    level: z.coerce.number().int().min(0).max(10).optional().meta({ description: "The level to list; defaults to the one under `path` (its length)" }),
    revision,
  }),
  result: z.object({
    path,
    page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ description: "1-based page of targets" }),
    revision,
    sort: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}(-(asc|desc))?$/)
      .default("best")
      .meta({ description: "`best` (the page's ranking), `name`, or `<column>-asc` / `<column>-desc`" }),
    show: z.enum(["all", "fit", "compatible"]).default("all").meta({ description: "`fit`: compatible or partial; `compatible`: fully compatible only" }),
    group: z.string().min(1).max(255).optional().meta({ description: "Only targets of this group" }),
    feature: z.string().min(1).max(64).optional().meta({ description: "Only targets passing this feature (rule id)" }),
    q: z.string().max(100).default("").meta({ description: "Text the target's label or key contains" }),
  }),
  check: z.object({
    source: z.string().min(1).max(255).meta({ description: "The source row's key", example: "invoice-extractor" }),
    target: z.string().min(1).max(255).meta({ description: "The target's key", example: "claude-sonnet-4" }),
  }),
  matrix: z.object({
    rowOffset: z.coerce.number().int().min(0).max(10_000_000).default(0).meta({ description: "First source row of the slice" }),
    rowLimit: z.coerce.number().int().min(1).max(MAX_MATRIX_ROWS).default(50).meta({ description: `Rows asked for (at most ${MAX_MATRIX_ROWS}; wide matrices answer fewer)` }),
    revision,
  }),
};

/** Query parameters that may repeat. */
export const ARRAY_PARAMS = new Set(["path"]);

/* ── Answers ───────────────────────────────────────────────────────────────────────────────── */

const named = z.object({ name: z.string(), label: z.string() });
const feature = z.object({ id: z.string(), name: z.string(), required: z.boolean(), weight: z.number(), category: z.string().nullable() }).loose().meta({ id: "Feature" });

export const errorAnswer = z.object({ error: z.object({ message: z.string(), code: z.string() }) }).meta({ id: "Error" });

export const pagesAnswer = z
  .object({
    orgName: z.string(),
    pages: z.array(z.object({ slug: z.string(), name: z.string(), template: z.enum(["finder", "matrix"]), revision: z.number().int(), publishedAt: z.string().nullable() })),
  })
  .meta({ id: "PageList" });

export const pageAnswer = z
  .object({
    slug: z.string(),
    name: z.string(),
    orgName: z.string(),
    template: z.enum(["finder", "matrix"]),
    dimensions: z.array(named).meta({ description: "The Finder's levels, top first" }),
    entry: named.meta({ description: "The level after the dimensions, whose options are source rows" }),
    revision: z.number().int(),
    liveRevision: z.number().int(),
    publishedAt: z.string().nullable(),
    minDepth: z.number().int(),
    pageSize: z.number().int(),
  })
  .loose()
  .meta({ id: "Page" });

export const optionsAnswer = z
  .object({
    level: z.number().int(),
    dimension: named,
    values: z.array(z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() })),
    entry: z.boolean().meta({ description: "The values are source rows (the last level)" }),
    truncated: z.boolean(),
  })
  .meta({ id: "Options" });

const featureResult = z.object({ ruleId: z.string(), status: z.enum(["pass", "fail", "unknown"]) }).loose();

export const resultAnswer = z
  .object({
    verdict: verdict.nullable(),
    headline: z.string(),
    counts: z.object({ compatible: z.number().int(), partial: z.number().int(), incompatible: z.number().int(), total: z.number().int() }),
    features: z.array(feature),
    targets: z.array(
      z.object({ key: z.string(), label: z.string(), group: z.string().nullable(), verdict, score: z.number(), overridden: z.boolean(), note: z.string().nullable(), features: z.array(featureResult) }).loose(),
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
    totalTargets: z.number().int(),
    totalPages: z.number().int(),
    needsDeeperSelection: z.boolean(),
    minDepth: z.number().int(),
  })
  .loose()
  .meta({ id: "Result" });

export const checkAnswer = z
  .object({
    source: z.object({ key: z.string(), label: z.string() }),
    target: z.object({ key: z.string(), label: z.string(), group: z.string().nullable() }),
    verdict,
    computedVerdict: verdict,
    overridden: z.boolean(),
    note: z.string().nullable(),
    score: z.number(),
    features: z.array(featureResult.meta({ description: "Each with `sentence`, the plain-language reason" })),
    fixes: z.array(z.object({}).loose()),
    alternatives: z.array(z.object({}).loose()),
  })
  .loose()
  .meta({ id: "Check" });

export const matrixAnswer = z
  .object({
    features: z.array(feature),
    groups: z.array(z.object({ name: z.string(), targetKeys: z.array(z.string()) })),
    targets: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        cells: z.array(z.object({ v: verdict, u: z.boolean(), o: z.boolean(), f: z.array(z.string()), m: z.array(z.string()).optional() }).meta({ description: "v verdict, u some rule unknown, o overridden, f failed/unknown rule ids, m unknown ones" })),
      }),
    ),
    rowOffset: z.number().int(),
    rowLimit: z.number().int(),
    totalRows: z.number().int(),
    totalTargets: z.number().int(),
    nextRowOffset: z.number().int().nullable(),
  })
  .meta({ id: "Matrix" });
