import { NextResponse, type NextRequest } from "next/server";
import { authkit, partitionAuthkitHeaders, applyResponseHeaders } from "@workos-inc/authkit-nextjs";
import { env, workosConfigured } from "~/env";
import { untrustedForwardingHeaders } from "~/server/http/client-address";
import { refusedPath } from "~/server/http/path-guard";
import {
  REQUEST_ID_HEADER,
  TENANT_HEADER,
  encodeTenantHeader,
  resolveTenant,
} from "~/server/tenancy/resolve-tenant";

/** The dashboard and every non-tenant path: never framed (clickjacking). Tenant pages: src/server/org/embed-origins.ts. */
const DASHBOARD_FRAME_POLICY = "frame-ancestors 'none'";

/** Headers only this middleware (or AuthKit, which it calls) may set on the way in. */
function isTrustedHeader(name: string): boolean {
  return name === TENANT_HEADER || name === REQUEST_ID_HEADER || name === HTML_PATH_HEADER || name.startsWith("x-workos-") || name === "x-url" || name === "x-redirect-uri" || name === "x-sign-up-paths";
}

/** Set by src/server/api/public-html.ts on its own render of a page (kept in step with HTML_PATH/RENDER_HEADER there). */
const HTML_RENDER_HEADER = "x-compat-html-render";
const HTML_PATH_HEADER = "x-compat-html-path";

/**
 * A tenant page `/{slug}` — its HTML is a function of the URL (selection and view live in the query)
 * and the published state, the same for every visitor — goes to the whole-HTML cache, unless this is
 * that cache's own render.
 */
function wholeHtmlCacheable(request: NextRequest, path: string): boolean {
  // Router requests (client navigation) come here too: Next hides their RSC headers from middleware,
  // so the cache tells them apart and passes them to the page.
  // `/embed/{slug}` too: same page state, and the route adds the organization's frame-ancestors (docs/embeds.md).
  return env.PUBLIC_HTML_CACHE === "on" && request.method === "GET" && /^\/(embed\/)?[^/]+$/.test(path) && path !== "/embed.js" && !request.headers.has(HTML_RENDER_HEADER);
}

/** `/llms.txt` and `/{slug}.md`: the tenant's pages as text for language models (docs/llms.md). Slugs have no dots. */
function textRoute(path: string): string | null {
  if (path === "/llms.txt") return "/api/public-md/llms.txt";
  const md = /^\/([a-z0-9-]+)\.md$/.exec(path);
  return md ? `/api/public-md/${md[1]}` : null;
}

/**
 * Decides and rewrites, nothing more (no database): strips forged tenant/auth headers, resolves
 * the tenant from host or `/p/{orgSlug}`, rewrites public requests to the tenant route `app/s/`,
 * and lets AuthKit refresh the admin session on non-tenant requests.
 */
export async function middleware(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers();
  // With no trusted proxy a client's X-Forwarded-For is dropped, so Next fills in the socket's address (docs/limits.md).
  const untrusted = untrustedForwardingHeaders();
  request.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (!isTrustedHeader(lower) && !untrusted.includes(lower)) headers.set(name, value);
  });
  headers.set(REQUEST_ID_HEADER, requestId);

  const { pathname } = request.nextUrl;
  const refused = refusedPath(pathname);
  if (refused) {
    return new NextResponse(`${refused.status === 404 ? "Not found" : "Bad request"}: ${refused.reason}`, {
      status: refused.status,
      headers: { [REQUEST_ID_HEADER]: requestId, "content-type": "text/plain; charset=utf-8" },
    });
  }
  const { tenant, path } = resolveTenant(request.headers.get("host") ?? "", pathname, env.ROOT_DOMAIN);

  let rewrite: URL | null = null;
  let authkitResponseHeaders: Headers | null = null;
  if (tenant) {
    headers.set(TENANT_HEADER, encodeTenantHeader(tenant));
    const text = textRoute(path);
    const cacheable = !text && wholeHtmlCacheable(request, path);
    if (cacheable) headers.set(HTML_PATH_HEADER, pathname);
    // A badge (`/badge/{slug}.svg`, docs/embeds.md) is a route handler under /api; page paths never end in .svg.
    const badge = /^\/badge\/[^/]+\.svg$/.test(path);
    // The embed script is a public file, the same for every tenant (it finds its base from its own URL).
    const script = path === "/embed.js";
    const target = path.startsWith("/api/") || script ? path : text ? text : badge ? `/api${path}` : cacheable ? `/api/public-html${path.replace(/^\/embed/, "")}` : `/s${path === "/" ? "" : path}`;
    if (target !== pathname) {
      // Clone nextUrl (not `new URL(…, request.url)`): a different origin would make Next proxy the
      // rewrite as an external request, running this middleware again without the tenant.
      rewrite = request.nextUrl.clone();
      rewrite.pathname = target;
    }
  } else if (pathname === "/s" || pathname.startsWith("/s/")) {
    // The tenant route is reachable only through a tenant host or /p/.
    return new NextResponse("Not found", { status: 404, headers: { [REQUEST_ID_HEADER]: requestId } });
  } else if (workosConfigured) {
    const { headers: authkitHeaders } = await authkit(request);
    const parts = partitionAuthkitHeaders(request, authkitHeaders);
    parts.requestHeaders.forEach((value, name) => {
      if (name.toLowerCase().startsWith("x-workos-") || name === "x-url" || name === "x-redirect-uri" || name === "x-sign-up-paths") {
        headers.set(name, value);
      }
    });
    authkitResponseHeaders = parts.responseHeaders;
  }

  const response = rewrite
    ? NextResponse.rewrite(rewrite, { request: { headers } })
    : NextResponse.next({ request: { headers } });
  if (authkitResponseHeaders) applyResponseHeaders(response, authkitResponseHeaders);
  // The dashboard and the rest of the app are never framed; a tenant's pages carry their organization's policy (docs/embeds.md).
  if (!tenant) {
    response.headers.set("content-security-policy", DASHBOARD_FRAME_POLICY);
    response.headers.set("x-frame-options", "DENY");
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// Edge runtime (Next's default), not "nodejs": Next 15.5 races a Node middleware's copy of the request
// body against the route reading it, and bodies arrive corrupted. See src/server/http/request-body.ts.
export const config = {
  // Public files are excluded by their exact path only: `/robots.txt/…` must reach the middleware (path-guard).
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico$|favicon\\.svg$|robots\\.txt$).*)"],
};
