import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "~/server/db/client";
import { memberships, organizations } from "~/server/db/schema";
import { startFakeWorkOS, type FakeIdentity, type FakeWorkOS } from "./fake-workos";
import { request, startServer, type TestServer } from "./server";

/**
 * The AuthKit contract (issue 7 item 6): the REAL authkit-nextjs path — sign-in route, callback,
 * middleware session refresh, JWKS verification, the WorkOS seam's upserts — against a local
 * fake of the WorkOS API, on a second app server that has WorkOS configured.
 */

// AUTHKIT_E2E_PORT forces this second server's port, like E2E_PORT the harness one; default: a free port.
const FORCED_PORT = process.env.AUTHKIT_E2E_PORT ? Number(process.env.AUTHKIT_E2E_PORT) : undefined;
const CLIENT_ID = "client_test";
const API_KEY = "sk_test_authkit_contract";
const ORG_ID = `org_${Date.now().toString(36)}AUTHKIT`;
const ORG_NAME = "Contract Testers Inc";

const admin: FakeIdentity = {
  user: { id: `user_${Date.now().toString(36)}_admin`, email: "ada@contract.test", firstName: "Ada", lastName: "Admin" },
  organizationId: ORG_ID,
  role: "admin",
};
const member: FakeIdentity = {
  user: { id: `user_${Date.now().toString(36)}_member`, email: "max@contract.test", firstName: "Max" },
  organizationId: ORG_ID,
  role: "member",
};

const e2eDatabaseUrl = inject("e2eDatabaseUrl");

let fake: FakeWorkOS;
let app: TestServer;
let dbh: DbHandle;

beforeAll(async () => {
  fake = await startFakeWorkOS({ clientId: CLIENT_ID, apiKey: API_KEY });
  fake.organizations.set(ORG_ID, ORG_NAME);
  app = await startServer({
    port: FORCED_PORT,
    name: "authkit",
    env: (port) => ({
      DATABASE_URL: e2eDatabaseUrl,
      WORKOS_CLIENT_ID: CLIENT_ID,
      WORKOS_API_KEY: API_KEY,
      WORKOS_COOKIE_PASSWORD: "contract-test-cookie-password-0123456789",
      WORKOS_API_HOSTNAME: "127.0.0.1",
      WORKOS_API_HTTPS: "false",
      WORKOS_API_PORT: String(fake.port),
      NEXT_PUBLIC_WORKOS_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/callback`,
      ROOT_DOMAIN: `localhost:${port}`,
      LOG_LEVEL: "warn",
    }),
  });
  dbh = createDb(e2eDatabaseUrl);
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await dbh?.close();
});

/** `name=value` pairs from Set-Cookie headers (attributes dropped). */
function setCookies(headers: { "set-cookie"?: string[] }): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of headers["set-cookie"] ?? []) {
    const pair = line.split(";")[0]!;
    const i = pair.indexOf("=");
    out.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
  return out;
}

/** Browser-style sign-in: app sign-in route → fake hosted page → app callback. Returns the session cookie. */
async function signIn(identity: FakeIdentity): Promise<{ session: string; code: string; location: string }> {
  const start = await request(app.url, "/api/auth/sign-in");
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.location!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${fake.url}/user_management/authorize`);
  const state = authorize.searchParams.get("state")!;
  expect(state).toBeTruthy();
  expect(authorize.searchParams.get("redirect_uri")).toBe(`http://127.0.0.1:${app.port}/api/auth/callback`);
  const pkce = [...setCookies(start.headers)].find(([name]) => name.startsWith("wos-auth-verifier"));
  expect(pkce, "sign-in sets the PKCE cookie").toBeDefined();

  fake.nextSignIn(identity);
  const hosted = await request(fake.url, authorize.pathname + authorize.search);
  expect(hosted.status).toBe(302);
  const back = new URL(hosted.headers.location!);
  const code = back.searchParams.get("code")!;
  expect(back.searchParams.get("state")).toBe(state);

  const callback = await request(app.url, `/api/auth/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    headers: { cookie: `${pkce![0]}=${pkce![1]}` },
  });
  expect(callback.status, callback.body.slice(0, 500)).toBe(307);
  const session = setCookies(callback.headers).get("wos-session");
  expect(session, "callback sets the session cookie").toBeTruthy();
  return { session: session!, code, location: callback.headers.location! };
}

function trpc(path: string, opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.cookie ? { cookie: `wos-session=${opts.cookie}` } : {}), ...opts.headers };
  if (opts.body === undefined) return request(app.url, `/api/trpc/${path}`, { headers });
  return request(app.url, `/api/trpc/${path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ json: opts.body }),
  });
}

type Me = { organization: { id: string; name: string }; role: string; via: string; actor: { id: string } };
const data = <T>(body: string) => (JSON.parse(body) as { result: { data: { json: T } } }).result.data.json;
const errorCode = (body: string) => (JSON.parse(body) as { error: { json: { data: { code: string } } } }).error.json.data.code;

describe("AuthKit against a fake WorkOS", () => {
  let adminSession: string;

  it("signs in: sign-in route → hosted page → callback sets the session and lands on /dashboard", async () => {
    const { session, code, location } = await signIn(admin);
    adminSession = session;
    expect(new URL(location).pathname).toBe("/dashboard");

    // The callback exchanged exactly that code, with the PKCE verifier and our client credentials.
    const exchange = fake.callsTo("POST", "/user_management/authenticate").find((c) => c.body?.code === code);
    expect(exchange?.body).toMatchObject({ grant_type: "authorization_code", client_id: CLIENT_ID, client_secret: API_KEY });
    expect(exchange?.body?.code_verifier).toEqual(expect.any(String));
  });

  it("org.me answers the WorkOS organization, upserted once on first sight", async () => {
    const before = await dbh.db.select().from(organizations).where(eq(organizations.id, ORG_ID));
    expect(before).toHaveLength(0);

    const r = await trpc("org.me", { cookie: adminSession });
    expect(r.status, r.body.slice(0, 500)).toBe(200);
    const me = data<Me>(r.body);
    expect(me).toMatchObject({ organization: { id: ORG_ID, name: ORG_NAME }, role: "admin", via: "workos", actor: { id: admin.user.id } });

    const again = await trpc("org.me", { cookie: adminSession });
    expect(again.status).toBe(200);
    const rows = await dbh.db.select().from(organizations).where(eq(organizations.id, ORG_ID));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: ORG_NAME, planTier: "personal" });
    const members = await dbh.db.select().from(memberships).where(eq(memberships.organizationId, ORG_ID));
    expect(members).toEqual([expect.objectContaining({ userId: admin.user.id, role: "admin" })]);

    // The token was verified against the fake's JWKS, and the org name came from the fake.
    expect(fake.callsTo("GET", `/sso/jwks/${CLIENT_ID}`).length).toBeGreaterThan(0);
    // Fetched on first sight only, not on every request.
    const orgFetches = fake.callsTo("GET", `/organizations/${ORG_ID}`);
    expect(orgFetches).toHaveLength(1);
    expect(orgFetches[0]!.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("an admin may create an API key; a member role token is read-only", async () => {
    const created = await trpc("org.apiKeys.create", { cookie: adminSession, body: { name: "contract" } });
    expect(created.status, created.body.slice(0, 500)).toBe(200);

    const { session } = await signIn(member);
    const me = await trpc("org.me", { cookie: session });
    expect(me.status).toBe(200);
    expect(data<Me>(me.body)).toMatchObject({ organization: { id: ORG_ID }, role: "member", actor: { id: member.user.id } });

    const denied = await trpc("org.apiKeys.create", { cookie: session, body: { name: "nope" } });
    expect(denied.status).toBe(403);
    expect(errorCode(denied.body)).toBe("FORBIDDEN");
  });

  it("forged AuthKit headers without a cookie are UNAUTHORIZED (even carrying a real sealed session)", async () => {
    const r = await trpc("org.me", { headers: { "x-workos-session": adminSession, "x-workos-middleware": "true" } });
    expect(r.status).toBe(401);
    expect(errorCode(r.body)).toBe("UNAUTHORIZED");
    expect((await trpc("org.me")).status).toBe(401);
  });

  it("a token not signed by the published key is rejected (and its refresh refused)", async () => {
    const { session } = await signIn({ ...admin, rogueSignature: true });
    const r = await trpc("org.me", { cookie: session });
    expect(r.status).toBe(401);
    // AuthKit tried to refresh, the fake refused, so the session cookie is cleared.
    expect(setCookies(r.headers).get("wos-session")).toBe("");
  });

  it("an expired access token is refreshed through the fake and the request goes through", async () => {
    const { session } = await signIn({ ...admin, expiresInSeconds: -60 });
    const refreshesBefore = fake.callsTo("POST", "/user_management/authenticate").filter((c) => c.body?.grant_type === "refresh_token").length;
    const r = await trpc("org.me", { cookie: session });
    expect(r.status, r.body.slice(0, 500)).toBe(200);
    expect(data<Me>(r.body).organization.id).toBe(ORG_ID);
    const refreshes = fake.callsTo("POST", "/user_management/authenticate").filter((c) => c.body?.grant_type === "refresh_token");
    expect(refreshes.length).toBe(refreshesBefore + 1);
    expect(refreshes.at(-1)!.body).toMatchObject({ client_id: CLIENT_ID, organization_id: ORG_ID });
    const renewed = setCookies(r.headers).get("wos-session");
    expect(renewed && renewed !== session).toBeTruthy();
  });

  it("dev sign-in is refused while WorkOS is configured", async () => {
    const status = await trpc("auth.status");
    expect(data<{ mode: string }>(status.body).mode).toBe("workos");
    const r = await trpc("auth.devSignIn", { body: { email: "sneaky@contract.test", newOrganization: { name: "Sneaky" } } });
    expect(r.status).toBe(403);
    expect(errorCode(r.body)).toBe("FORBIDDEN");
    expect(r.headers["set-cookie"] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining("compat_dev_session=")]));
  });

  it("public tenant requests skip AuthKit and still answer (no withAuth() outside the middleware's reach)", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { slug: "llm-finder" } }));
    const r = await request(app.url, `/api/trpc/public.page?input=${input}`, { host: `demo.localhost:${app.port}` });
    expect(r.status, r.body.slice(0, 500)).toBe(200);
  });
});
