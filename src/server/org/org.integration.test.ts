import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, auditLog } from "~/server/db/schema";
import { callerFor, contextFor, createTestOrg, testDb } from "~/test/helpers";
import { resolveSession } from "~/server/auth/session";
import { createCaller } from "~/server/api/root";
import { codeOf } from "~/test/trpc-errors";


describe("org", () => {
  it("me answers the caller's own organization and role", async () => {
    const a = await createTestOrg({ name: "Acme" });
    const me = await a.caller.org.me();
    expect(me.organization.name).toBe("Acme");
    expect(me.role).toBe("admin");
    expect((await a.memberCaller.org.me()).role).toBe("member");
  });

  it("refuses anonymous callers", async () => {
    expect(await codeOf(callerFor(null).org.me())).toBe("UNAUTHORIZED");
  });

  it("usage reports every limit of the tier with current use", async () => {
    const a = await createTestOrg({ tier: "personal" });
    const usage = await a.caller.org.usage();
    expect(usage.tier).toBe("personal");
    expect(usage.lines.find((l) => l.limit === "sourceSchemas")).toEqual({ limit: "sourceSchemas", use: 0, max: 2 });
    expect(usage.lines.find((l) => l.limit === "rulesPerPage")?.max).toBe(10);
  });

  it("a personal organization cannot take a custom subdomain, and the error says which limit", async () => {
    const a = await createTestOrg({ tier: "personal" });
    const err = await a.caller.org.update({ customSubdomain: "acme-x" }).catch((e: TRPCError) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    expect(((err as TRPCError).cause as unknown as { details: unknown }).details).toMatchObject({ limit: "customSubdomain", tier: "personal" });
  });

  it("a paid organization takes a free, valid subdomain; a taken or invalid one is refused", async () => {
    const a = await createTestOrg({ tier: "team" });
    const b = await createTestOrg({ tier: "enterprise" });
    const sub = `s${a.session.org.id.slice(-8)}`;
    const updated = await a.caller.org.update({ customSubdomain: sub, name: "Acme Team" });
    expect(updated).toMatchObject({ customSubdomain: sub, name: "Acme Team" });
    expect(await codeOf(b.caller.org.update({ customSubdomain: sub }))).toBe("CONFLICT");
    expect(await codeOf(b.caller.org.update({ customSubdomain: "Not Valid!" }))).toBe("BAD_REQUEST");
    expect(await codeOf(b.caller.org.update({ customSubdomain: "www" }))).toBe("CONFLICT");
  });

  it("members cannot change settings", async () => {
    const a = await createTestOrg({ tier: "team" });
    expect(await codeOf(a.memberCaller.org.update({ name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(a.memberCaller.org.apiKeys.create({ name: "x" }))).toBe("FORBIDDEN");
  });

  it("every admin write lands in the audit log with actor and diff", async () => {
    const a = await createTestOrg({ tier: "team" });
    await a.caller.org.update({ name: "Renamed" });
    const rows = await testDb().select().from(auditLog).where(and(eq(auditLog.organizationId, a.session.org.id), eq(auditLog.action, "org.update")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: "user", actorId: a.session.actor.id });
    expect(rows[0]!.diffJson).toMatchObject({ name: { to: "Renamed" } });
    const page = await a.caller.org.audit({ limit: 10 });
    expect(page.items.map((i) => i.action)).toContain("org.update");
  });
});

describe("API keys", () => {
  it("are shown once, stored hashed, and authenticate as admin of their organization", async () => {
    const a = await createTestOrg();
    const created = await a.caller.org.apiKeys.create({ name: "ci" });
    expect(created.key).toMatch(/^cpk_/);
    const [stored] = await testDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(stored!.keyHash).not.toContain(created.key);
    expect(JSON.stringify(await a.caller.org.apiKeys.list())).not.toContain(created.key);

    const session = await resolveSession(testDb(), new Headers({ authorization: `Bearer ${created.key}` }));
    expect(session).toMatchObject({ org: { id: a.session.org.id }, role: "admin", via: "api_key" });
    const me = await createCaller(contextFor(session)).org.me();
    expect(me.organization.id).toBe(a.session.org.id);
    const [used] = await testDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it("a revoked or unknown key is anonymous, not a fallback to another session", async () => {
    const a = await createTestOrg();
    const created = await a.caller.org.apiKeys.create({ name: "old" });
    await a.caller.org.apiKeys.revoke({ id: created.id });
    expect(await resolveSession(testDb(), new Headers({ authorization: `Bearer ${created.key}` }))).toBeNull();
    expect(await resolveSession(testDb(), new Headers({ authorization: "Bearer cpk_nope" }))).toBeNull();
    expect(await resolveSession(testDb(), new Headers({ authorization: "Basic abc" }))).toBeNull();
  });
});
