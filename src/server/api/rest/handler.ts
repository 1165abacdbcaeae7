/**
 * `GET /api/v1/…` (and `/p/{org}/api/v1/…`): the public REST API (docs/rest-api.md). Tenant and rate
 * limit, ETag/304 and Cache-Control are the public read path's own (src/server/api/public-http.ts);
 * the answers are the public procedures' (answers.ts). `openapi.json` and `reference` need no tenant.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { notFound } from "~/server/errors";
import { chargedTenant, errorResponse, publicCacheControl, respond } from "../public-http";
import { ARRAY_PARAMS, slugParam } from "./schemas";
import { matchRoute } from "./routes";
import { openApiDocument } from "./openapi";
import { referenceHtml } from "./reference";

const badRequest = (message: string) => errorResponse(new TRPCError({ code: "BAD_REQUEST", message }));

/** Query parameters as an object: repeatable ones as arrays, the rest as their first value. */
function queryObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of new Set(params.keys())) out[k] = ARRAY_PARAMS.has(k) ? params.getAll(k) : params.get(k);
  return out;
}

export async function answerRest(req: Request, segments: string[], db: Db): Promise<Response> {
  if (segments.length === 1 && segments[0] === "openapi.json") {
    return new Response(JSON.stringify(openApiDocument()), { headers: { "content-type": "application/json", "cache-control": publicCacheControl(), "access-control-allow-origin": "*" } });
  }
  if (segments.length === 1 && segments[0] === "reference") {
    return new Response(referenceHtml(openApiDocument() as unknown as Record<string, unknown>), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": publicCacheControl() } });
  }
  const match = matchRoute(segments);
  if (!match) return errorResponse(notFound("API path", `/api/v1/${segments.join("/")}`));
  const { route, slug } = match;
  if (route.path.includes("{slug}")) {
    const s = slugParam.safeParse({ slug });
    if (!s.success) return badRequest(`path slug: ${s.error.issues[0]!.message}`);
  }
  // Strict: an unknown parameter is a mistake worth naming, not something to ignore.
  const query = route.query.strict().safeParse(queryObject(new URL(req.url).searchParams));
  if (!query.success) return badRequest(query.error.issues.map((i) => `query ${i.path.join(".") || (i as { keys?: string[] }).keys?.join(", ") || "parameters"}: ${i.message}`).join("; "));

  const org = await chargedTenant(req, db);
  if (org instanceof Response) return org;
  try {
    const a = await route.handle(db, org, slug, query.data as never);
    const type = "contentType" in a && a.contentType ? a.contentType : "application/json";
    // Any site may read the public answers from a browser (they are public and cookie-free).
    return respond(req, a.body, `"${a.key}"`, { "access-control-allow-origin": "*" }, type);
  } catch (err) {
    if (err instanceof TRPCError) return errorResponse(err);
    throw err;
  }
}
