import { env } from "~/env";
import { decodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";

/** Escapes text for HTML. */
const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Where a rate-limited public page render sends the visitor (app/s/rate-limited.ts): 429 with
 * `Retry-After` and a plain page that says how long to wait and links back. `back` is only ever a
 * path of this tenant; anything else links to the tenant's home.
 */
export function GET(request: Request) {
  const url = new URL(request.url);
  const basePath = decodeTenantHeader(request.headers.get(TENANT_HEADER))?.basePath ?? "";
  const maxWait = Math.ceil(env.PUBLIC_RATE_WINDOW_MS / 1000);
  const retry = Math.min(maxWait, Math.max(1, Math.ceil(Number(url.searchParams.get("retry")) || maxWait)));
  const wanted = url.searchParams.get("back") ?? "";
  const back = /^\/[A-Za-z0-9._~%\-/]*$/.test(wanted) && !wanted.startsWith("//") && wanted.startsWith(`${basePath}/`) ? wanted : `${basePath}/`;
  const body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Too many requests</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;max-width:36rem;margin:5rem auto;padding:0 1rem;text-align:center}p{color:#475569}a{color:#1d4ed8}</style></head>
<body><main><h1>Too many requests</h1>
<p>This page was opened very often from your address in a short time. Please wait ${retry} second${retry === 1 ? "" : "s"}, then try again.</p>
<p><a href="${html(back)}">Back to the page</a></p></main></body></html>`;
  return new Response(body, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(retry), "cache-control": "no-store" },
  });
}
