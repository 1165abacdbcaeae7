import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organizations } from "~/server/db/schema";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { createTestOrg, testDb, uid } from "~/test/helpers";
import { getOrgById, getOrgBySubdomain, upsertOrganization } from "./orgs";

/** Slugs, custom subdomains and reserved names are one namespace (issue 11 item 5). */
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message, details: (e.cause as unknown as { details?: unknown })?.details };
    throw e;
  }
  throw new Error("expected a refusal, the write was accepted");
}

const slugOf = async (orgId: string) => (await testDb().select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId)))[0]!.slug;

describe("one namespace for slugs, custom subdomains and reserved names", () => {
  it("a subdomain that is another organization's slug is refused, in any case, and the squatter's host serves nothing", async () => {
    const a = await createTestOrg({ tier: "team" });
    const b = await createTestOrg({ tier: "team" });
    const aSlug = await slugOf(a.session.org.id);
    for (const attempt of [aSlug, aSlug.toUpperCase(), ` ${aSlug[0]!.toUpperCase()}${aSlug.slice(1)} `]) {
      const r = await refusal(b.caller.org.update({ customSubdomain: attempt }));
      expect(r).toMatchObject({ code: "CONFLICT", details: { field: "customSubdomain", reason: "taken" } });
      expect(r.message).toContain(`"${aSlug}" is already in use by another organization`);
    }
    expect(await getOrgBySubdomain(testDb(), aSlug)).toBeNull();
  });

  it("an organization may use its own slug as its subdomain", async () => {
    const a = await createTestOrg({ tier: "team" });
    const slug = await slugOf(a.session.org.id);
    expect(await a.caller.org.update({ customSubdomain: slug.toUpperCase() })).toMatchObject({ customSubdomain: slug });
    expect((await resolvePublicTenant(testDb(), { by: "subdomain", value: slug, basePath: "" }))?.id).toBe(a.session.org.id);
  });

  it("a new organization cannot take a slug that is another's subdomain (the other way round), in any case", async () => {
    const a = await createTestOrg({ tier: "team" });
    const sub = `sq${uid()}`;
    await a.caller.org.update({ customSubdomain: sub });
    const r = await refusal(upsertOrganization(testDb(), { id: `org_sq_${uid()}`, name: "Squatter", slug: sub.toUpperCase() }));
    expect(r).toMatchObject({ code: "CONFLICT", details: { field: "slug", reason: "taken" } });
    // Picked from a name, the slug steps around it.
    const named = await upsertOrganization(testDb(), { id: `org_sq_${uid()}`, name: sub });
    expect(named.slug).toBe(`${sub}-2`);
  });

  it.each(["www", "API", "app", "Admin", "dashboard"])("the reserved name %s is refused as a subdomain and as a slug", async (name) => {
    const a = await createTestOrg({ tier: "team" });
    const r = await refusal(a.caller.org.update({ customSubdomain: name }));
    expect(r).toMatchObject({ code: "CONFLICT", details: { field: "customSubdomain", reason: "reserved" } });
    expect(r.message).toContain(`"${name.toLowerCase()}" is reserved for the platform`);
    expect((await refusal(upsertOrganization(testDb(), { id: `org_r_${uid()}`, name: "R", slug: name }))).details).toMatchObject({ reason: "reserved" });
    expect((await upsertOrganization(testDb(), { id: `org_r_${uid()}`, name })).slug).not.toBe(name.toLowerCase());
  });

  it("two organizations claiming one name at the same moment: exactly one gets it, the other a clear conflict", async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race${uid()}`;
      const subs = await Promise.all([createTestOrg({ tier: "team" }), createTestOrg({ tier: "team" })]);
      const outcomes = await Promise.allSettled([
        subs[0]!.caller.org.update({ customSubdomain: name }),
        subs[1]!.caller.org.update({ customSubdomain: name }),
        upsertOrganization(testDb(), { id: `org_race_${uid()}`, name: "Racer", slug: name }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect((o.reason as TRPCError).code).toBe("CONFLICT");
    }
  });
});

describe("custom subdomains need a plan that allows one: one rule for setting, serving and showing", () => {
  it("a personal organization is refused; an override that allows one lets it set and serve one", async () => {
    const p = await createTestOrg({ tier: "personal" });
    expect(await refusal(p.caller.org.update({ customSubdomain: `p${uid()}` }))).toMatchObject({ code: "FORBIDDEN", details: { limit: "customSubdomain" } });
    await testDb().update(organizations).set({ usageLimits: { customSubdomain: 1 } }).where(eq(organizations.id, p.session.org.id));
    const me = (await getOrgById(testDb(), p.session.org.id))!;
    const sub = `p${uid()}`;
    const { updateOrganization } = await import("./update");
    await updateOrganization(p.scope, me, { customSubdomain: sub });
    expect((await getOrgBySubdomain(testDb(), sub))?.id).toBe(p.session.org.id);
  });

  it("a paid organization that drops to personal stops being served at its subdomain", async () => {
    const a = await createTestOrg({ tier: "team" });
    const sub = `d${uid()}`;
    await a.caller.org.update({ customSubdomain: sub });
    expect((await getOrgBySubdomain(testDb(), sub))?.id).toBe(a.session.org.id);
    await testDb().update(organizations).set({ planTier: "personal" }).where(eq(organizations.id, a.session.org.id));
    expect(await getOrgBySubdomain(testDb(), sub)).toBeNull();
  });
});
