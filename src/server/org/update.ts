import { and, eq, ne } from "drizzle-orm";
import { organizations } from "~/server/db/schema";
import { recordAudit, diffOf, type WriteScope } from "~/server/audit/audit";
import { assertWithinLimit } from "~/server/limits";
import { badRequest, conflict, isDuplicateKey } from "~/server/errors";
import { isValidSubdomain } from "~/server/tenancy/resolve-tenant";
import type { OrgInfo } from "~/server/auth/types";
import { tenantsChanged } from "~/server/tenancy/public-tenant";
import { getOrgById } from "./orgs";

export interface OrgUpdate {
  name?: string;
  /** `null` removes it. */
  customSubdomain?: string | null;
}

/** Renames the organization and/or sets its custom subdomain (paid tiers; unique; DNS-safe). */
export async function updateOrganization(scope: WriteScope, org: OrgInfo, input: OrgUpdate): Promise<OrgInfo> {
  const patch: Partial<typeof organizations.$inferInsert> = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.customSubdomain !== undefined) {
    const sub = input.customSubdomain?.trim().toLowerCase() ?? null;
    if (sub !== null) {
      assertWithinLimit(org, "customSubdomain", 1);
      if (!isValidSubdomain(sub)) {
        throw badRequest(
          `"${sub}" is not a usable subdomain: use 1–63 lowercase letters, digits or single dashes, not starting or ending with a dash, and not a reserved name`,
          { field: "customSubdomain" },
        );
      }
      const [taken] = await scope.db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.customSubdomain, sub), ne(organizations.id, org.id)))
        .limit(1);
      if (taken) throw conflict(`The subdomain "${sub}" is already taken`, { field: "customSubdomain" });
    }
    patch.customSubdomain = sub;
  }
  if (Object.keys(patch).length === 0) return org;
  try {
    await scope.db.transaction(async (tx) => {
      await tx.update(organizations).set(patch).where(eq(organizations.id, org.id));
      await recordAudit(tx, scope, { action: "org.update", targetType: "organization", targetId: org.id, diff: diffOf(org as never, patch as never) });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`The subdomain "${patch.customSubdomain}" is already taken`, { field: "customSubdomain" });
    throw err;
  }
  tenantsChanged();
  return (await getOrgById(scope.db, org.id))!;
}
