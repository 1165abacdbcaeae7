import { getWorkOS, withAuth } from "@workos-inc/authkit-nextjs";
import { and, eq } from "drizzle-orm";
import { headers } from "next/headers";
import type { Db } from "~/server/db/client";
import { memberships, users } from "~/server/db/schema";
import { getOrgById, upsertOrganization } from "~/server/org/orgs";
import type { Role, Session } from "./types";

/**
 * The WorkOS seam: reads the AuthKit session that `middleware.ts` refreshed, and upserts the
 * organization and user the first time they are seen. Everything WorkOS-specific stays here.
 */
export async function sessionFromWorkOS(db: Db): Promise<Session | null> {
  // Tenant (public) requests skip AuthKit in middleware.ts, and withAuth() throws where AuthKit
  // did not run. The middleware strips client copies of this header, so absent = no admin session.
  if (!(await headers()).get("x-workos-middleware")) return null;
  const auth = await withAuth();
  if (!auth.user || !auth.organizationId) return null;
  const orgId = auth.organizationId;
  // Ask WorkOS for the name only on first sight, not on every request.
  const org = (await getOrgById(db, orgId)) ?? (await upsertOrganization(db, { id: orgId, name: await workosOrgName(orgId) }));
  const role: Role = auth.role === "admin" ? "admin" : "member";
  await db
    .insert(users)
    .values({ id: auth.user.id, email: auth.user.email, name: [auth.user.firstName, auth.user.lastName].filter(Boolean).join(" ") || null })
    .onDuplicateKeyUpdate({ set: { email: auth.user.email } });
  const [m] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, auth.user.id)))
    .limit(1);
  if (!m || m.role !== role) {
    await db.insert(memberships).values({ organizationId: orgId, userId: auth.user.id, role }).onDuplicateKeyUpdate({ set: { role } });
  }
  return { org, role, actor: { type: "user", id: auth.user.id, email: auth.user.email }, via: "workos" };
}

async function workosOrgName(orgId: string): Promise<string> {
  try {
    return (await getWorkOS().organizations.getOrganization(orgId)).name;
  } catch {
    // The org name is cosmetic; a WorkOS hiccup must not lock admins out.
    return orgId;
  }
}
