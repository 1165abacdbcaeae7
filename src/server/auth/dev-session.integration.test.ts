import { describe, expect, it } from "vitest";
import { testDb } from "~/test/helpers";
import { callerFor } from "~/test/helpers";
import { resolveSession } from "./session";
import { DEV_SESSION_COOKIE, assertDevSignInAllowed, decodeDevSession, encodeDevSession } from "./dev-session";

const secret = "dev-only-session-secret-change-me";

describe("dev sign-in", () => {
  it("creates a user and organization and sets a cookie that resolves to an admin session", async () => {
    const resHeaders = new Headers();
    const caller = callerFor(null, { resHeaders });
    const out = await caller.auth.devSignIn({ email: `dev-${Date.now()}@example.test`, newOrganization: { name: "Dev Co", planTier: "team" } });
    const cookie = resHeaders.get("set-cookie")!;
    expect(cookie).toContain(`${DEV_SESSION_COOKIE}=`);
    const value = cookie.split(";")[0]!;
    const session = await resolveSession(testDb(), new Headers({ cookie: value }));
    expect(session).toMatchObject({ org: { id: out.orgId, planTier: "team" }, role: "admin", via: "dev" });
  });

  it("rejects a tampered cookie", () => {
    const good = encodeDevSession({ userId: "u", orgId: "o" }, secret);
    expect(decodeDevSession(good, secret)).toEqual({ userId: "u", orgId: "o" });
    const [payload] = good.split(".");
    const forged = `${Buffer.from(JSON.stringify({ userId: "u", orgId: "other" })).toString("base64url")}.${good.split(".")[1]}`;
    expect(decodeDevSession(forged, secret)).toBeNull();
    expect(decodeDevSession(`${payload}.x`, secret)).toBeNull();
    expect(decodeDevSession(good, "another-secret-of-16-chars")).toBeNull();
  });

  it("is refused in production and when WorkOS is configured", () => {
    expect(() => assertDevSignInAllowed("production", false)).toThrow(/production/);
    expect(() => assertDevSignInAllowed("development", true)).toThrow(/WorkOS/);
    expect(() => assertDevSignInAllowed("development", false)).not.toThrow();
  });

  it("a cookie for an organization the user is not a member of is no session", async () => {
    const cookie = `${DEV_SESSION_COOKIE}=${encodeDevSession({ userId: "user_nobody", orgId: "org_nobody" }, secret)}`;
    expect(await resolveSession(testDb(), new Headers({ cookie }))).toBeNull();
  });
});
