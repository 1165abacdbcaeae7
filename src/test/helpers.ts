import { randomBytes } from "node:crypto";
import { createDb, type Db } from "~/server/db/client";
import { memberships, users, type PlanTier } from "~/server/db/schema";
import { upsertOrganization } from "~/server/org/orgs";
import { createInnerContext, type InnerContext } from "~/server/api/trpc";
import { createCaller } from "~/server/api/root";
import type { Role, Session } from "~/server/auth/types";
import type { WriteScope } from "~/server/audit/audit";
import type { TenantRef } from "~/server/tenancy/resolve-tenant";

let handle: ReturnType<typeof createDb> | null = null;

/** The run's own database (created and migrated by global-setup). */
export function testDb(): Db {
  handle ??= createDb(process.env.DATABASE_URL!);
  return handle.db;
}

export const uid = (prefix = "") => `${prefix}${randomBytes(5).toString("hex")}`;

export interface TestOrg {
  session: Session;
  scope: WriteScope;
  caller: ReturnType<typeof createCaller>;
  /** Same org, as a non-admin member. */
  memberCaller: ReturnType<typeof createCaller>;
}

/** A fresh organization with an admin user; tests never share organizations. */
export async function createTestOrg(opts: { tier?: PlanTier; name?: string } = {}): Promise<TestOrg> {
  const db = testDb();
  const suffix = uid();
  const org = await upsertOrganization(db, {
    id: `org_test_${suffix}`,
    name: opts.name ?? `Test Org ${suffix}`,
    slug: `t-${suffix}`,
    planTier: opts.tier ?? "personal",
  });
  const mk = async (role: Role): Promise<Session> => {
    const userId = `user_test_${role}_${suffix}`;
    await db.insert(users).values({ id: userId, email: `${role}-${suffix}@example.test` });
    await db.insert(memberships).values({ organizationId: org.id, userId, role });
    return { org, role, actor: { type: "user", id: userId }, via: "dev" };
  };
  const session = await mk("admin");
  const member = await mk("member");
  return {
    session,
    scope: { db, orgId: org.id, actor: session.actor, requestId: uid("req_") },
    caller: callerFor(session),
    memberCaller: callerFor(member),
  };
}

export function contextFor(session: Session | null, extra: Partial<InnerContext> = {}): InnerContext {
  return createInnerContext({ db: testDb(), session, ...extra });
}

export function callerFor(session: Session | null, extra: Partial<InnerContext> = {}) {
  return createCaller(contextFor(session, extra));
}

/** A caller as an anonymous visitor of the tenant's public pages. */
export function publicCaller(tenant: TenantRef | null, clientIp = "203.0.113.7") {
  return createCaller(contextFor(null, { tenant, clientIp }));
}
