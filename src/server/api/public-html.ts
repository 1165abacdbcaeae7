/**
 * Whole-HTML caching of the public pages `/{slug}`: their HTML is a function of the URL (a Finder's
 * selection and every view control live in the query) and the published state, the same for every
 * visitor (docs/read-path.md, "Whole pages"). The middleware sends those here; the HTML is rendered
 * once per URL and published state by asking this same server for the page (a loopback request the
 * middleware lets through to the page), held in process by a strong ETag named by both, and answered
 * with `If-None-Match` → 304 and a Cache-Control a CDN may hold.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { env } from "~/env";
import type { Db } from "~/server/db/client";
import { Lru } from "~/server/lru";
import { processWide } from "~/server/held";
import { publicRateLimiter } from "~/server/ratelimit";
import { publicPageAnswer } from "~/server/pages";
import { decodeTenantHeader, REQUEST_ID_HEADER, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { clientAddressOf } from "~/server/http/client-address";
import { tooManyRequestsPage } from "~/server/http/too-many-requests";
import { frameAncestors } from "~/server/org/embed-origins";
import { publicCacheControl } from "./public-http";

/** Marks the loopback render; its value is this process's secret, so only we skip the page's rate limit. */
export const HTML_RENDER_HEADER = "x-compat-html-render";
/** The path the visitor asked for (`/p/{org}/{slug}` or `/{slug}`), set by the middleware for the loopback. */
export const HTML_PATH_HEADER = "x-compat-html-path";

/**
 * The loopback render's own request comes from 127.0.0.1, and with no trusted proxy the middleware
 * drops X-Forwarded-For: so the visitor's address rides along in a header, believed only beside the
 * process's secret (docs/limits.md "Client address").
 */
const LOOPBACK_HEADER = "x-compat-loopback";
const CLIENT_ADDRESS_HEADER = "x-compat-client-address";

/** The address a page render charges the rate limit to: the visitor's, also on the loopback render. */
export function renderClientAddress(headers: Headers): string {
  const forwarded = headers.get(CLIENT_ADDRESS_HEADER);
  return forwarded && headers.get(LOOPBACK_HEADER) === htmlRenderSecret() ? forwarded : clientAddressOf(headers);
}

export const htmlRenderSecret = (): string => processWide("public.htmlRenderSecret", () => randomBytes(16).toString("hex"));

/** Held pages by ETag; a key names the published state it was rendered from, so nothing needs purging. */
const heldHtml = processWide("public.html", () => new Lru<{ body: string; vary: string }>(32 * 1024 * 1024));

/** The build the HTML's script URLs belong to (a deploy is a new build); "dev" under `next dev`. */
const buildId = (() => {
  let id: string | null = null;
  return () => {
    if (id === null) {
      const file = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
      id = process.env.NODE_ENV === "production" && existsSync(file) ? readFileSync(file, "utf8").trim() : "dev";
    }
    return id;
  };
})();

/**
 * The ETag of a page's whole HTML: the page answer's key (revision, both dataset versions, display,
 * organization name — src/server/pages/read/public.ts), the address it is shown under, its query
 * (selection and view), and the build.
 */
export function htmlEtag(pageKey: string, headers: Headers, basePath: string, search = "", view: "page" | "embed" = "page"): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "";
  const proto = headers.get("x-forwarded-proto") ?? "";
  // An embed (`/embed/{slug}`, docs/embeds.md) is other HTML for the same state; a page's key is unchanged.
  const parts = [pageKey, host, proto, basePath, search, buildId(), ...(view === "embed" ? ["embed"] : [])];
  return `"h-${createHash("sha256").update(JSON.stringify(parts)).digest("hex")}"`;
}

const FORWARDED = ["host", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-real-ip", "accept-language"];
/** What makes a request a router (RSC) request; Next passes these to routes but hides them from middleware. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "date"]);

/** The page as this server renders it for `visitorPath` (the middleware routes it to the page, not here). */
function renderOnce(
  req: Request,
  visitorPath: string,
  secret: string | null,
  also: string[] = [],
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const headers: Record<string, string> = {};
  for (const name of [...FORWARDED, ...also]) {
    const v = req.headers.get(name);
    if (v) headers[name] = v;
  }
  headers[HTML_RENDER_HEADER] = secret ?? "visitor";
  headers[LOOPBACK_HEADER] = htmlRenderSecret();
  headers[CLIENT_ADDRESS_HEADER] = renderClientAddress(req.headers);
  return new Promise((resolve, reject) => {
    const r = http.request({ host: "127.0.0.1", port: Number(process.env.PORT) || env.PORT, path: visitorPath, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    r.on("error", reject);
    r.setTimeout(60_000, () => r.destroy(new Error(`page render timed out: ${visitorPath}`)));
    r.end();
  });
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
}

function htmlResponse(req: Request, status: number, body: string, extra: Record<string, string>): Response {
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", ...extra };
  const requestId = req.headers.get(REQUEST_ID_HEADER);
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  return new Response(body, { status, headers });
}

/** A client navigation's RSC payload, from the page, as it answered (never cached here). */
async function passRouterRequest(req: Request, visitorPath: string): Promise<Response> {
  const r = await renderOnce(req, visitorPath, null, ROUTER_HEADERS);
  const headers = new Headers();
  for (const [name, value] of Object.entries(r.headers)) {
    // x-middleware-*: the loopback's own rewrite, which Next refuses on a route's response.
    if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith("x-middleware-")) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Response(r.body, { status: r.status, headers });
}

/** Answers `/{slug}?…` of a tenant: held HTML by ETag, rendered on a miss. */
export async function answerPublicHtml(req: Request, slug: string, db: Db): Promise<Response> {
  const search = new URL(req.url).search;
  const visitorPath = (req.headers.get(HTML_PATH_HEADER) ?? `/${encodeURIComponent(slug)}`) + search;
  if (ROUTER_HEADERS.some((h) => req.headers.has(h))) return passRouterRequest(req, visitorPath);
  const ref = decodeTenantHeader(req.headers.get(TENANT_HEADER));
  const org = ref ? await resolvePublicTenant(db, ref) : null;
  const page = org ? await publicPageAnswer(db, org, slug).catch(() => null) : null;
  if (!ref || !org || !page) {
    // Not a published page: the page route answers (its 404), uncached.
    const r = await renderOnce(req, visitorPath, null);
    return htmlResponse(req, r.status, r.body, { "cache-control": "no-store, must-revalidate" });
  }
  const verdict = await publicRateLimiter().hit(`${org.id}:${clientAddressOf(req.headers)}`);
  if (!verdict.allowed) return tooManyRequestsPage(verdict.retryAfterSeconds, ref.basePath, visitorPath);
  const view = /\/embed\/[^/?]+(\?|$)/.test(visitorPath) ? "embed" : "page";
  const etag = htmlEtag(page.key, req.headers, ref.basePath, search, view);
  // Who may frame it: the organization's setting (docs/embeds.md); on the 304 too, which refreshes a cache's copy.
  const cacheHeaders = { etag, "cache-control": publicCacheControl(), "content-security-policy": frameAncestors(org.embedOrigins) };
  if (matches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers: cacheHeaders });
  const framing = { "content-security-policy": cacheHeaders["content-security-policy"] };
  const held = heldHtml.get(etag);
  if (held !== undefined) return htmlResponse(req, 200, held.body, { ...cacheHeaders, vary: held.vary });

  const rendered = await renderOnce(req, visitorPath, htmlRenderSecret());
  // Only the page's own render is held: never an answer some cache in between replayed (it has an ETag).
  if (rendered.status !== 200 || rendered.headers.etag !== undefined) return htmlResponse(req, rendered.status, rendered.body, { "cache-control": "no-store, must-revalidate", ...framing });
  // Held only if nothing moved while it rendered; otherwise the next request renders the new state.
  const after = await publicPageAnswer(db, org, slug).catch(() => null);
  if (after?.key !== page.key) return htmlResponse(req, 200, rendered.body, { "cache-control": "no-store, must-revalidate", ...framing });
  // The page's own Vary (RSC, router state…): a CDN must not answer a router request with this HTML.
  const vary = String(rendered.headers.vary ?? "RSC, Next-Router-State-Tree, Next-Router-Prefetch");
  heldHtml.set(etag, { body: rendered.body, vary }, Buffer.byteLength(rendered.body, "utf8"));
  return htmlResponse(req, 200, rendered.body, { ...cacheHeaders, vary });
}
