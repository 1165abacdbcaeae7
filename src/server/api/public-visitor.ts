/**
 * An anonymous request outside tRPC (MCP, Markdown, llms.txt): its organization from the tenant the
 * middleware resolved, and one charge against the public rate limit of its client and tenant — or the
 * answer that refuses it (404 without a tenant, 429 over the limit).
 */
import type { OrgInfo } from "~/server/auth/types";
import type { Db } from "~/server/db/client";
import { clientAddressOf } from "~/server/http/client-address";
import { publicRateLimiter } from "~/server/ratelimit";
import { decodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";

export type Refusal = { status: 404 | 429; message: string; headers: Record<string, string> };

export async function publicVisitor(req: Request, db: Db): Promise<{ org: OrgInfo } | { refused: Refusal }> {
  const ref = decodeTenantHeader(req.headers.get(TENANT_HEADER));
  const org = ref ? await resolvePublicTenant(db, ref) : null;
  if (!org) return { refused: { status: 404, message: "No organization here: use {org}.host/… or /p/{org}/…", headers: {} } };
  const verdict = await publicRateLimiter().hit(`${org.id}:${clientAddressOf(req.headers)}`);
  if (!verdict.allowed) {
    return { refused: { status: 429, message: `Too many requests; retry in ${verdict.retryAfterSeconds}s`, headers: { "retry-after": String(verdict.retryAfterSeconds) } } };
  }
  return { org };
}
