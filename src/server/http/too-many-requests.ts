import { env } from "~/env";

/** Escapes text for HTML. */
const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The answer a rate-limited visitor of a public page gets (docs/limits.md "Rate limits"): 429 with
 * `Retry-After` and a short readable page that says how long to wait and links back. `back` must be
 * a path under `basePath` (the tenant's); anything else links to the tenant's home.
 */
export function tooManyRequestsPage(retryAfterSeconds: number, basePath: string, back: string): Response {
  const maxWait = Math.ceil(env.PUBLIC_RATE_WINDOW_MS / 1000);
  const retry = Math.min(maxWait, Math.max(1, Math.ceil(retryAfterSeconds) || maxWait));
  const safeBack = /^\/[A-Za-z0-9._~%\-/?&=+]*$/.test(back) && !back.startsWith("//") && back.startsWith(`${basePath}/`) ? back : `${basePath}/`;
  const body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Too many requests</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;max-width:36rem;margin:5rem auto;padding:0 1rem;text-align:center}p{color:#475569}a{color:#1d4ed8}</style></head>
<body><main><h1>Too many requests</h1>
<p>This page was opened very often from your address in a short time. Please wait ${retry} second${retry === 1 ? "" : "s"}, then try again.</p>
<p><a href="${html(safeBack)}">Back to the page</a></p></main></body></html>`;
  return new Response(body, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(retry), "cache-control": "no-store" },
  });
}
