import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { memberships, organizations, users, type PlanTier } from "~/server/db/schema";
import { badRequest, forbidden, notFound } from "~/server/errors";
import { getOrgById, upsertOrganization } from "~/server/org/orgs";
import type { Role, Session } from "./types";

/**
 * Dev sign-in: for machines without WorkOS credentials (local development, tests, CI).
 * A signed cookie names the user and the active organization; membership is re-checked on every
 * request. Refused outright in production.
 */
export const DEV_SESSION_COOKIE = "compat_dev_session";

export function assertDevSignInAllowed(nodeEnv: string, workos: boolean): void {
  if (nodeEnv === "production") throw forbidden("Dev sign-in is disabled in production");
  if (workos) throw forbidden("Dev sign-in is disabled because WorkOS AuthKit is configured");
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function encodeDevSession(v: { userId: string; orgId: string }, secret: string): string {
  const payload = Buffer.from(JSON.stringify(v)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export function decodeDevSession(cookie: string | undefined, secret: string): { userId: string; orgId: string } | null {
  if (!cookie) return null;
  const [payload, sig] = cookie.split(".");
  if (!payload || !sig) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { userId?: unknown; orgId?: unknown };
    return typeof v.userId === "string" && typeof v.orgId === "string" ? { userId: v.userId, orgId: v.orgId } : null;
  } catch {
    return null;
  }
}

export async function sessionFromDevCookie(db: Db, value: { userId: string; orgId: string }): Promise<Session | null> {
  const [m] = await db
    .select({ role: memberships.role, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, value.orgId), eq(memberships.userId, value.userId)))
    .limit(1);
  if (!m) return null;
  const org = await getOrgById(db, value.orgId);
  if (!org) return null;
  return { org, role: m.role, actor: { type: "user", id: value.userId, email: m.email }, via: "dev" };
}

export interface DevSignInInput {
  email: string;
  name?: string;
  /** Join an existing organization… */
  organizationId?: string;
  /** …or create a new one. */
  newOrganization?: { name: string; planTier?: PlanTier };
  role?: Role;
}

/** Finds or creates the user, then joins or creates the organization. Returns the cookie payload. */
export async function devSignIn(db: Db, input: DevSignInInput): Promise<{ userId: string; orgId: string }> {
  const email = input.email.trim().toLowerCase();
  const userId = `user_dev_${createHash("sha256").update(email).digest("hex").slice(0, 20)}`;
  await db.insert(users).values({ id: userId, email, name: input.name ?? null }).onDuplicateKeyUpdate({ set: { email } });

  let orgId: string;
  if (input.organizationId) {
    const org = await getOrgById(db, input.organizationId);
    if (!org) throw notFound("Organization", input.organizationId);
    orgId = org.id;
  } else if (input.newOrganization) {
    orgId = `org_dev_${randomBytes(10).toString("hex")}`;
    await upsertOrganization(db, { id: orgId, name: input.newOrganization.name, planTier: input.newOrganization.planTier });
  } else {
    throw badRequest("Pick an organization or name a new one");
  }
  // Creators of a new organization are its admins; joining picks the role asked for.
  const role: Role = input.newOrganization ? "admin" : (input.role ?? "admin");
  await db
    .insert(memberships)
    .values({ organizationId: orgId, userId, role })
    .onDuplicateKeyUpdate({ set: { role } });
  return { userId, orgId };
}

/** Organizations a dev user may pick from (all of them: this is a local-development tool). */
export async function listDevOrganizations(db: Db) {
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, planTier: organizations.planTier })
    .from(organizations)
    .orderBy(organizations.name)
    .limit(200);
}
