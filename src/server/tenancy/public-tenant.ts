import { env } from "~/env";
import type { DbOrTx } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import { Held, processWide } from "~/server/held";
import { forgetSharedResponses } from "~/server/http/micro-cache";
import { getOrgBySlug, getOrgBySubdomain } from "~/server/org/orgs";
import type { TenantRef } from "./resolve-tenant";

/**
 * Host/path → organization, held in process like the published pointer (PUBLIC_POINTER_TTL_MS;
 * docs/read-path.md): a public hit reads no SQL for its tenant. Unknown tenants are held too, so
 * a flood of made-up subdomains costs one query per name and period.
 */
const heldTenants = processWide("tenancy.publicTenants", () => new Held<OrgInfo | null>(() => env.PUBLIC_POINTER_TTL_MS));

/** The organization a public request is for; null when none matches (the caller answers 404). */
export function resolvePublicTenant(db: DbOrTx, ref: TenantRef): Promise<OrgInfo | null> | OrgInfo | null {
  return heldTenants.get(`${ref.by}\u0000${ref.value}`, () => (ref.by === "subdomain" ? getOrgBySubdomain(db, ref.value) : getOrgBySlug(db, ref.value)));
}

/** Call after committing a change to an organization's name, slug, subdomain or tier. */
export function tenantsChanged(): void {
  heldTenants.forget();
  forgetSharedResponses();
}
