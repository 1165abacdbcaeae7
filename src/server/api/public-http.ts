/**
 * Public answers over HTTP without tRPC's per-request work (docs/read-path.md). A GET for the
 * cacheable public reads — `public.page`, `public.options`, `public.result`, `public.summary`, `public.matrix`, alone
 * or batched as the browser's `httpBatchLink` sends them — is answered here from stored text:
 * no superjson, no parse, no re-serialisation; a strong ETag names the answer, `If-None-Match`
 * gets a 304, and `Cache-Control` lets a CDN hold it. Anything else, and every error, returns
 * null and goes to tRPC, which answers exactly as before (same shapes, same codes).
 *
 * The same answers are served unwrapped on plain GET URLs, `/api/public/{pages,page,options,result,summary,matrix}`,
 * and by the REST API (`/api/v1`, src/server/api/rest/, docs/rest-api.md) through the helpers exported here.
 */
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { z } from "zod";
import { env } from "~/env";
import type { Db } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import { notFound, publicError } from "~/server/errors";
import { publicRateLimiter, type PrepaidVerdicts } from "~/server/ratelimit";
import { decodeTenantHeader, REQUEST_ID_HEADER, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { publicMatrixAnswer, publicOptionsAnswer, publicPageAnswer, publicPagesAnswer, publicResultAnswer, publicSummaryAnswer, type StoredAnswer } from "~/server/pages";
import { publicInputs } from "./routers/public";
import { clientAddressOf } from "~/server/http/client-address";

export type Procedure = keyof typeof publicInputs;

const answerers: { [P in Procedure]: (db: Db, org: OrgInfo, input: z.infer<(typeof publicInputs)[P]>) => Promise<StoredAnswer> } = {
  pages: (db, org) => publicPagesAnswer(db, org),
  page: (db, org, i) => publicPageAnswer(db, org, i.slug, i.revision),
  options: (db, org, i) => publicOptionsAnswer(db, org, i.slug, i.level, i.path, i.revision),
  result: (db, org, i) => publicResultAnswer(db, org, i.slug, i.path, i.page, i.revision),
  summary: (db, org, i) => publicSummaryAnswer(db, org, i.slug, i.path, i.page, i.revision),
  matrix: (db, org, i) => publicMatrixAnswer(db, org, i.slug, i.rowOffset, i.rowLimit, i.revision),
};

const isProcedure = (name: string): name is Procedure => Object.hasOwn(publicInputs, name);

/** `public, max-age=0, s-maxage=…, stale-while-revalidate=…`: browsers revalidate (304), a CDN holds. */
export function publicCacheControl(): string {
  return `public, max-age=0, s-maxage=${env.PUBLIC_CDN_MAX_AGE}, stale-while-revalidate=${env.PUBLIC_CDN_STALE}`;
}

export interface Call {
  procedure: Procedure;
  input: unknown;
}

/** The tenant (null when there is none) and the rate-limit verdicts charged for the request's calls. */
async function tenantFor(db: Db, headers: Headers, calls: number): Promise<{ org: OrgInfo; prepaid: PrepaidVerdicts } | null> {
  const ref = decodeTenantHeader(headers.get(TENANT_HEADER));
  if (!ref) return null;
  const org = await resolvePublicTenant(db, ref);
  if (!org) return null;
  const limiter = publicRateLimiter();
  const key = `${org.id}:${clientAddressOf(headers)}`;
  const prepaid: PrepaidVerdicts = { allowed: 0, denied: 0, retryAfterSeconds: 0 };
  for (let i = 0; i < calls; i++) {
    const v = await limiter.hit(key);
    if (v.allowed) prepaid.allowed++;
    else {
      prepaid.denied++;
      prepaid.retryAfterSeconds = Math.max(prepaid.retryAfterSeconds, v.retryAfterSeconds);
    }
  }
  return { org, prepaid };
}

/** One public read, validated by the router's own input schema; shared with the REST API. */
export async function publicAnswer(db: Db, org: OrgInfo, call: Call): Promise<StoredAnswer> {
  const parsed = publicInputs[call.procedure].safeParse(call.input);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ") });
  return (answerers[call.procedure] as (db: Db, org: OrgInfo, input: unknown) => Promise<StoredAnswer>)(db, org, parsed.data);
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === etag || tag === "*";
  });
}

/** 200 with the answer's bytes (or 304 on `If-None-Match`), its ETag and the public Cache-Control; shared with the REST API. */
export function respond(req: Request, body: string, etag: string, extra: Record<string, string> = {}, contentType = "application/json"): Response {
  const headers: Record<string, string> = { etag, "cache-control": publicCacheControl(), ...extra };
  const requestId = req.headers.get(REQUEST_ID_HEADER);
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  if (matches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "content-type": contentType } });
}

/** superjson's envelope `{ json, meta? }`: only plain JSON (no meta) is taken here. */
function plainInput(raw: unknown): { ok: true; value: unknown } | { ok: false } {
  if (raw === undefined) return { ok: true, value: undefined };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return { ok: false };
  const env = raw as { json?: unknown; meta?: unknown };
  if (env.meta !== undefined) return { ok: false };
  return { ok: true, value: env.json };
}

/** Parses a tRPC GET URL into calls of cacheable public reads; null for anything else. */
function tRPCCalls(url: URL, endpoint: string): { calls: Call[]; batch: boolean } | null {
  const names = decodeURIComponent(url.pathname.slice(endpoint.length + 1)).split(",");
  const procedures: Procedure[] = [];
  for (const name of names) {
    if (!name.startsWith("public.")) return null;
    const procedure = name.slice("public.".length);
    if (!isProcedure(procedure)) return null;
    procedures.push(procedure);
  }
  const batch = url.searchParams.get("batch") === "1";
  if (!batch && procedures.length !== 1) return null;
  let rawInput: unknown;
  try {
    const text = url.searchParams.get("input");
    rawInput = text === null ? undefined : JSON.parse(text);
  } catch {
    return null;
  }
  const calls: Call[] = [];
  for (let i = 0; i < procedures.length; i++) {
    const raw = batch ? (rawInput as Record<string, unknown> | undefined)?.[String(i)] : rawInput;
    const input = plainInput(raw);
    if (!input.ok) return null;
    calls.push({ procedure: procedures[i]!, input: input.value });
  }
  return { calls, batch };
}

/**
 * The fast path of `/api/trpc` (and `/p/{org}/api/trpc`): a Response for a GET of cacheable public
 * reads that all succeed; otherwise what tRPC needs to answer it instead: the rate-limit verdicts
 * already charged here, so that no call is counted twice.
 */
export async function answerPublicTRPC(req: Request, endpoint: string, db: Db): Promise<Response | { prepaid?: PrepaidVerdicts }> {
  if (req.method !== "GET") return {};
  // The streaming batch link wants JSON lines; tRPC serves it.
  if (req.headers.get("trpc-accept")) return {};
  const url = new URL(req.url);
  const parsed = tRPCCalls(url, endpoint);
  if (!parsed) return {};
  const tenant = await tenantFor(db, req.headers, parsed.calls.length).catch(() => null);
  if (!tenant) return {};
  const { org, prepaid } = tenant;
  // Over the limit, or an answer that fails: tRPC answers, spending the verdicts charged here.
  if (prepaid.denied > 0) return { prepaid };
  try {
    const answers = await Promise.all(parsed.calls.map((c) => publicAnswer(db, org, c)));
    const items = answers.map((a) => `{"result":{"data":{"json":${a.body}}}}`);
    const body = parsed.batch ? `[${items.join(",")}]` : items[0]!;
    const etag = `"t${parsed.batch ? "b" : ""}-${answers.length === 1 ? answers[0]!.key : createHash("sha256").update(answers.map((a) => a.key).join(",")).digest("hex")}"`;
    return respond(req, body, etag, { vary: "trpc-accept" });
  } catch {
    return { prepaid };
  }
}

/** Plain GET input: `?slug=…&path=a&path=b&level=1&page=2&rowOffset=0&rowLimit=50[&revision=3]`. */
function plainQueryInput(procedure: Procedure, params: URLSearchParams): Record<string, unknown> {
  const num = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
  const input: Record<string, unknown> = { slug: params.get("slug") ?? undefined, revision: num("revision") };
  if (procedure === "options" || procedure === "result" || procedure === "summary") input.path = params.getAll("path");
  // A level defaults to the one under the path given.
  if (procedure === "options") input.level = num("level") ?? params.getAll("path").length;
  if (procedure === "result" || procedure === "summary") input.page = num("page");
  if (procedure === "matrix") {
    input.rowOffset = num("rowOffset");
    input.rowLimit = num("rowLimit");
  }
  return input;
}

/** `{ error: { message, code } }` with the tRPC code's HTTP status (the public wording of the error). */
export function errorResponse(raw: TRPCError): Response {
  const err = publicError(raw);
  return Response.json({ error: { message: err.message, code: err.code } }, { status: getHTTPStatusCodeFromError(err) });
}

/**
 * The request's tenant, with one public rate-limit hit charged to client + tenant; or the error
 * Response (404 without a tenant, 429 with `Retry-After`). Shared by plain GETs and the REST API.
 */
export async function chargedTenant(req: Request, db: Db): Promise<OrgInfo | Response> {
  const ref = decodeTenantHeader(req.headers.get(TENANT_HEADER));
  const org = ref ? await resolvePublicTenant(db, ref) : null;
  if (!org) return errorResponse(notFound("Tenant"));
  const verdict = await publicRateLimiter().hit(`${org.id}:${clientAddressOf(req.headers)}`);
  if (!verdict.allowed) {
    return Response.json(
      { error: { message: `Too many requests; retry in ${verdict.retryAfterSeconds}s`, code: "TOO_MANY_REQUESTS" } },
      { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
    );
  }
  return org;
}

/** `/api/public/{procedure}`: the answer's own JSON (no tRPC envelope), for plain HTTP clients and CDNs. */
export async function answerPublicPlain(req: Request, procedure: string, db: Db): Promise<Response> {
  if (!isProcedure(procedure)) return errorResponse(notFound("Public procedure", procedure));
  const org = await chargedTenant(req, db);
  if (org instanceof Response) return org;
  try {
    const a = await publicAnswer(db, org, { procedure, input: plainQueryInput(procedure, new URL(req.url).searchParams) });
    return respond(req, a.body, `"${a.key}"`);
  } catch (err) {
    if (err instanceof TRPCError) return errorResponse(err);
    throw err;
  }
}
