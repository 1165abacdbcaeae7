import type { DbOrTx } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import { getOrgBySlug, getOrgBySubdomain } from "~/server/org/orgs";
import type { TenantRef } from "./resolve-tenant";

/** The organization a public request is for; null when none matches (the caller answers 404). */
export async function resolvePublicTenant(db: DbOrTx, ref: TenantRef): Promise<OrgInfo | null> {
  return ref.by === "subdomain" ? getOrgBySubdomain(db, ref.value) : getOrgBySlug(db, ref.value);
}
