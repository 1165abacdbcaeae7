/**
 * The Atom feed as an HTTP response, for the route handler `app/s/[slug]/changes.atom`: the same
 * tRPC procedure a client calls (`public.changes`, so the tenant, published-only rule and rate
 * limit apply), rendered by `changesAtom`.
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { decodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { changesAtom } from "./atom";

/** `https://host/p/org` (or `https://sub.host`): where this tenant's public pages live. */
export function publicBase(headers: Headers, fallbackOrigin: string): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const origin = host ? `${proto ?? new URL(fallbackOrigin).protocol.replace(":", "")}://${host}` : fallbackOrigin;
  const basePath = decodeTenantHeader(headers.get(TENANT_HEADER))?.basePath ?? "";
  return `${origin}${basePath}`;
}

export async function atomFeedResponse(db: Db, request: Request, slug: string): Promise<Response> {
  const url = new URL(request.url);
  const path = url.searchParams.getAll("path").filter((p) => p.length > 0 && p.length <= 255).slice(0, 11);
  const resHeaders = new Headers();
  const ctx = await createTRPCContext({ headers: request.headers, resHeaders, db });
  try {
    const data = await createCaller(ctx).public.changes({ slug, path: path.length ? path : undefined });
    const base = `${publicBase(request.headers, url.origin)}/${encodeURIComponent(slug)}`;
    const query = path.length ? `?${new URLSearchParams(path.map((p) => ["path", p])).toString()}` : "";
    const xml = changesAtom(data, { html: `${base}${query}`, changes: `${base}/changes`, self: `${base}/changes.atom${query}` });
    return new Response(xml, { headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=60" } });
  } catch (err) {
    if (err instanceof TRPCError) {
      const status = err.code === "NOT_FOUND" ? 404 : err.code === "TOO_MANY_REQUESTS" ? 429 : err.code === "BAD_REQUEST" ? 400 : 500;
      const retryAfter = resHeaders.get("retry-after");
      if (status !== 500) return new Response(err.message, { status, headers: { "content-type": "text/plain; charset=utf-8", ...(retryAfter ? { "retry-after": retryAfter } : {}) } });
    }
    throw err;
  }
}
