import { eq } from "drizzle-orm";
import { organizations } from "~/server/db/schema";
import { recordAudit, diffOf, type WriteScope } from "~/server/audit/audit";
import { assertWithinLimit } from "~/server/limits";
import { badRequest, conflict, isDuplicateKey } from "~/server/errors";
import { isValidSubdomainLabel } from "~/server/tenancy/resolve-tenant";
import type { OrgInfo } from "~/server/auth/types";
import { tenantsChanged } from "~/server/tenancy/public-tenant";
import { assertNameFree, normalizeName, retryingClaim } from "./namespace";
import { getOrgById } from "./orgs";
import { normalizeEmbedOrigins } from "./embed-origins";

export interface OrgUpdate {
  name?: string;
  /** `null` removes it. */
  customSubdomain?: string | null;
  /** Origins that may frame public pages and embeds; `null`: any site, `[]`: none (docs/embeds.md). */
  embedOrigins?: string[] | null;
}

/**
 * Renames the organization and/or sets its custom subdomain (when the plan allows one; DNS-safe;
 * free in the one namespace of slugs, subdomains and reserved names — see ./namespace.ts).
 */
export async function updateOrganization(scope: WriteScope, org: OrgInfo, input: OrgUpdate): Promise<OrgInfo> {
  const patch: Partial<typeof organizations.$inferInsert> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.customSubdomain !== undefined) {
    const sub = input.customSubdomain === null ? null : normalizeName(input.customSubdomain);
    if (sub !== null) {
      assertWithinLimit(org, "customSubdomain", 1);
      if (!isValidSubdomainLabel(sub)) {
        throw badRequest(
          `"${sub}" is not a usable subdomain: use 1–63 lowercase letters, digits or single dashes, not starting or ending with a dash`,
          { field: "customSubdomain" },
        );
      }
    }
    patch.customSubdomain = sub;
  }
  if (input.embedOrigins !== undefined) patch.embedOrigins = normalizeEmbedOrigins(input.embedOrigins);
  if (Object.keys(patch).length === 0) return org;
  try {
    await retryingClaim(patch.customSubdomain ?? "", "customSubdomain", () =>
      scope.db.transaction(async (tx) => {
        if (patch.customSubdomain) await assertNameFree(tx, patch.customSubdomain, org.id, "customSubdomain");
        await tx.update(organizations).set(patch).where(eq(organizations.id, org.id));
        await recordAudit(tx, scope, { action: "org.update", targetType: "organization", targetId: org.id, diff: diffOf(org as never, patch as never) });
      }),
    );
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw conflict(`"${patch.customSubdomain}" is already in use by another organization; choose another subdomain`, { field: "customSubdomain", reason: "taken" });
    }
    throw err;
  }
  tenantsChanged();
  return (await getOrgById(scope.db, org.id))!;
}
