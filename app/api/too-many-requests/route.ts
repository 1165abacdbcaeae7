import { tooManyRequestsPage } from "~/server/http/too-many-requests";
import { decodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";

/** Where a rate-limited public page render sends the visitor (app/s/rate-limited.ts): 429, Retry-After, a readable page. */
export function GET(request: Request) {
  const url = new URL(request.url);
  const basePath = decodeTenantHeader(request.headers.get(TENANT_HEADER))?.basePath ?? "";
  return tooManyRequestsPage(Number(url.searchParams.get("retry")), basePath, url.searchParams.get("back") ?? "");
}
