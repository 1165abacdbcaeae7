import "server-only";

import { headers } from "next/headers";
import { cache } from "react";
import { db } from "~/server/db";
import { decodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";

/**
 * The tenant of this request, from the header only the middleware can set (never from the URL),
 * with the organization's public name and slug; null when there is none (→ 404). Once per render
 * (React `cache`), and held in process across renders (docs/read-path.md).
 */
export const getTenant = cache(async () => {
  const ref = decodeTenantHeader((await headers()).get(TENANT_HEADER));
  if (!ref) return null;
  const org = await resolvePublicTenant(db, ref);
  if (!org) return null;
  return { basePath: ref.basePath, orgName: org.name, orgSlug: org.slug, org };
});
