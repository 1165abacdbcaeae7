/** The embed-origins setting through `org.update`: admins set it, it reads back, bad origins are a 400 naming the entry. */
import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestOrg, testDb } from "~/test/helpers";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";

describe("org.update embedOrigins", () => {
  it("is null (any site) by default, takes a list or [] (none), and the public tenant sees it", async () => {
    const org = await createTestOrg();
    expect((await org.caller.org.me()).organization.embedOrigins).toBeNull();
    const updated = await org.caller.org.update({ embedOrigins: ["https://Docs.Example.com/", "http://localhost:5173"] });
    expect(updated.embedOrigins).toEqual(["https://docs.example.com", "http://localhost:5173"]);
    const tenant = await resolvePublicTenant(testDb(), { by: "slug", value: org.session.org.slug, basePath: "" });
    expect(tenant?.embedOrigins).toEqual(["https://docs.example.com", "http://localhost:5173"]);
    expect((await org.caller.org.update({ embedOrigins: [] })).embedOrigins).toEqual([]);
    expect((await org.caller.org.update({ embedOrigins: null })).embedOrigins).toBeNull();
  });

  it("refuses a non-origin with the entry named, and members cannot change it", async () => {
    const org = await createTestOrg();
    const err = await org.caller.org.update({ embedOrigins: ["https://ok.example", "https://evil.example/path"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((err as TRPCError).message).toMatch(/"https:\/\/evil\.example\/path" is not an origin/);
    expect((await org.caller.org.me()).organization.embedOrigins).toBeNull();
    await expect(org.memberCaller.org.update({ embedOrigins: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
