/**
 * The REST API's routes: one table read by the handler (matching and parsing) and by the OpenAPI
 * generator (docs/rest-api.md), so a route cannot exist in one and not the other.
 */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import type { StoredAnswer } from "~/server/pages";
import { checkAnswer, matrixAnswer, optionsAnswer, pageAnswer, pagesAnswer, restQueries, resultAnswer } from "./schemas";
import { checkRestAnswer, listAnswer, matrixCsvAnswer, matrixRestAnswer, optionsRestAnswer, pageRestAnswer, resultRestAnswer, type RestAnswer } from "./answers";

export interface RestRoute {
  /** Below `/api/v1`; `{slug}` is the one path parameter. */
  path: string;
  summary: string;
  description: string;
  query: z.ZodObject;
  /** The answer's schema; null for CSV. */
  answer: z.ZodType | null;
  contentType: string;
  handle: (db: Db, org: OrgInfo, slug: string, query: never) => Promise<RestAnswer | StoredAnswer>;
}

const route = <Q extends z.ZodObject>(r: Omit<RestRoute, "query" | "handle" | "contentType"> & { query: Q; contentType?: string; handle: (db: Db, org: OrgInfo, slug: string, query: z.infer<Q>) => Promise<RestAnswer | StoredAnswer> }): RestRoute =>
  ({ contentType: "application/json", ...r }) as RestRoute;

export const restRoutes: RestRoute[] = [
  route({ path: "/pages", summary: "Published pages", description: "The organization's published pages (`public.pages`).", query: restQueries.pages, answer: pagesAnswer, handle: (db, org) => listAnswer(db, org) }),
  route({ path: "/pages/{slug}", summary: "One page", description: "Name, template, levels and messaging of a published page (`public.page`).", query: restQueries.page, answer: pageAnswer, handle: pageRestAnswer }),
  route({
    path: "/pages/{slug}/options",
    summary: "Options of a Finder level",
    description: "The values of one level under the selection `path`, with row counts (`public.options`).",
    query: restQueries.options,
    answer: optionsAnswer,
    handle: optionsRestAnswer,
  }),
  route({
    path: "/pages/{slug}/result",
    summary: "Finder result",
    description:
      "Targets for the selection `path`, ranked (`public.result`). `sort`, `show`, `group`, `feature` and `q` filter and sort the targets of the page asked for, as the Finder's controls do; `counts` and `totalTargets` stay those of the whole result.",
    query: restQueries.result,
    answer: resultAnswer,
    handle: resultRestAnswer,
  }),
  route({
    path: "/pages/{slug}/check",
    summary: "One pair",
    description: "The verdict of one source row and one target with its plain-language breakdown, the smallest fixes and compatible alternatives (`public.whatIf` with no changes).",
    query: restQueries.check,
    answer: checkAnswer,
    handle: checkRestAnswer,
  }),
  route({ path: "/pages/{slug}/matrix.json", summary: "Matrix slice", description: "A slice of source rows × all targets (`public.matrix`).", query: restQueries.matrix, answer: matrixAnswer, handle: matrixRestAnswer }),
  route({
    path: "/pages/{slug}/matrix.csv",
    summary: "Matrix slice as CSV",
    description: "The same slice as CSV: `source_key`, `source`, then one column per target with `compatible`, `partial` or `incompatible`.",
    query: restQueries.matrix,
    answer: null,
    contentType: "text/csv",
    handle: matrixCsvAnswer,
  }),
];

/** The route and slug for the segments below `/api/v1`, or null. */
export function matchRoute(segments: string[]): { route: RestRoute; slug: string } | null {
  for (const r of restRoutes) {
    const parts = r.path.split("/").slice(1);
    if (parts.length !== segments.length) continue;
    let slug = "";
    const ok = parts.every((p, i) => {
      if (p === "{slug}") {
        slug = segments[i]!;
        return true;
      }
      return p === segments[i];
    });
    if (ok) return { route: r, slug };
  }
  return null;
}
