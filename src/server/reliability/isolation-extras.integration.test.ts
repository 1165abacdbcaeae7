/**
 * Tenant isolation beyond the generated per-id suite (src/server/api/isolation): lists, forged
 * headers through the real middleware, revoked API keys, members against every admin write,
 * public procedures on unpublished and foreign pages, and custom subdomains on the free tier.
 * Procedure lists are read from `appRouter`, so a new procedure cannot escape these checks.
 */
import { and, count, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "~/env";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { listProcedures } from "~/server/api/isolation/procedures";
import { hashApiKey } from "~/server/auth/api-keys";
import { DEV_SESSION_COOKIE, encodeDevSession } from "~/server/auth/dev-session";
import { apiKeys, auditLog, organizations } from "~/server/db/schema";
import { REQUEST_ID_HEADER, TENANT_HEADER, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { exampleRules, seedDataset, seedExamplePage, sourceCsv, sourceSchema, targetCsv, targetSchema } from "~/server/pages/testing/fixtures";
import { createTestOrg, publicCaller, testDb, uid, type TestOrg } from "~/test/helpers";
import { call, Figures, outcome } from "./harness.test-support";

// The middleware imports AuthKit, which only runs when WorkOS is configured (it is not in tests);
// the stub records that it was never reached on tenant requests.
const authkit = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@workos-inc/authkit-nextjs", () => ({
  authkit: async () => {
    authkit.calls++;
    return { headers: new Headers(), session: {} };
  },
  partitionAuthkitHeaders: () => ({ requestHeaders: new Headers(), responseHeaders: new Headers() }),
  applyResponseHeaders: () => undefined,
}));
const { middleware } = await import("../../../middleware");

const figures = new Figures();
afterAll(() => figures.print("isolation extras"));

const procedures = listProcedures();
const queries = procedures.filter((p) => p.type === "query");
const mutations = procedures.filter((p) => p.type === "mutation");

/** Everything organization A owns, named with a marker no other organization uses. */
interface Estate {
  org: TestOrg;
  marker: string;
  pageId: number;
  draftPageId: number;
  sourceDatasetId: number;
  targetDatasetId: number;
  ruleIds: number[];
  overrideId: number;
  apiKeyId: number;
  pageSlug: string;
  draftSlug: string;
}

async function buildEstate(tier: "team" | "personal", marker: string): Promise<Estate> {
  const org = await createTestOrg({ tier, name: `Org ${marker}` });
  const label = (s: string) => `${s} ${marker}`;
  const src = sourceCsv.replace("t3.chat", label("t3.chat")).replace("MyApp", label("MyApp"));
  const tgt = targetCsv.replace("GPT-4.1,", `${label("GPT-4.1")},`).replace("Claude 3.7", label("Claude 3.7"));
  const sourceDatasetId = await seedDataset(org.caller, "sources", sourceSchema, src, `src-${marker}`);
  const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, tgt, `tgt-${marker}`);
  const pageSlug = `pub-${marker}`.toLowerCase();
  const draftSlug = `draft-${marker}`.toLowerCase();
  const page = await org.caller.pages.create({ slug: pageSlug, name: label("Published page"), template: "finder", sourceDatasetId, targetDatasetId });
  const draft = await org.caller.pages.create({ slug: draftSlug, name: label("Draft page"), template: "matrix", sourceDatasetId, targetDatasetId });
  const ruleIds: number[] = [];
  for (const r of exampleRules) ruleIds.push((await org.caller.rules.create({ pageId: page.id, ...r, name: label(r.name), description: label("why") })).id);
  await org.caller.rules.create({ pageId: draft.id, ...exampleRules[0]!, name: label("draft rule") });
  const override = await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: "gpt41", verdict: 1, note: label("note") });
  const key = await org.caller.org.apiKeys.create({ name: label("key") });
  await org.caller.pages.publish({ pageId: page.id });
  // A cached public result and a Convex outbox entry exist for A.
  await publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` }).public.result({ slug: pageSlug, path: ["web"] });
  return { org, marker, pageId: page.id, draftPageId: draft.id, sourceDatasetId, targetDatasetId, ruleIds, overrideId: override.id, apiKeyId: key.id, pageSlug, draftSlug };
}

let A: Estate;
let B: Estate;
beforeAll(async () => {
  A = await buildEstate("team", `aaa${uid()}`);
  B = await buildEstate("team", `bbb${uid()}`);
}, 120_000);

/** An input for a query, made only of B's own ids (so B asks about B's things). */
async function ownInput(e: Estate, path: string): Promise<unknown> {
  const side = path.startsWith("targets.") ? "targets" : "sources";
  const datasetId = side === "sources" ? e.sourceDatasetId : e.targetDatasetId;
  const router = e.org.caller[side];
  const byPath: Record<string, () => Promise<unknown>> = {
    "sources.definitions.get": async () => ({ id: (await router.datasets.get({ id: datasetId })).definitionId }),
    "targets.definitions.get": async () => ({ id: (await router.datasets.get({ id: datasetId })).definitionId }),
    "sources.datasets.get": async () => ({ id: datasetId }),
    "targets.datasets.get": async () => ({ id: datasetId }),
    "sources.imports.get": async () => ({ id: (await router.imports.list({ datasetId }))[0]!.id }),
    "targets.imports.get": async () => ({ id: (await router.imports.list({ datasetId }))[0]!.id }),
    "pages.get": async () => ({ id: e.pageId }),
    "pages.evaluate": async () => ({ pageId: e.pageId, path: ["web"] }),
    "pages.check": async () => ({ pageId: e.pageId, sourceKey: "t3chat", targetKey: "gpt41" }),
    "rules.validate": async () => ({ pageId: e.pageId, logic: { "==": [{ var: "target.provider" }, "openai"] } }),
    "org.audit": async () => ({ limit: 200 }),
    "pages.diff": async () => ({ pageId: e.pageId, from: "draft", to: "draft" }),
    "org.webhooks.deliveries": async () => ({ id: (await e.org.caller.org.webhooks.create({ url: "http://127.0.0.1:9/own", events: ["page.published"] })).id }),
  };
  if (byPath[path]) return byPath[path]!();
  const info = procedures.find((p) => p.path === path)!;
  if (info.idKeys.length === 0) return undefined;
  const input: Record<string, unknown> = {};
  for (const k of info.idKeys) {
    if (k === "pageId") input[k] = e.pageId;
    else if (k === "datasetId") input[k] = datasetId;
    else if (k === "definitionId") input[k] = (await router.datasets.get({ id: datasetId })).definitionId;
    else throw new Error(`no own-id for ${path}.${k}: teach ownInput about it`);
  }
  return input;
}

describe("lists and reads never include another organization's rows", () => {
  it("every org query, asked by B with B's own ids, contains nothing of A", async () => {
    const orgQueries = queries.filter((q) => !q.path.startsWith("public.") && !q.path.startsWith("auth."));
    expect(orgQueries.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const q of orgQueries) {
      const input = await ownInput(B, q.path);
      const value = await call(B.org.caller, q.path, input);
      const text = JSON.stringify(value) ?? "";
      figures.add("org queries probed as another tenant");
      if (text.includes(A.marker)) leaks.push(`${q.path}: contains A's marker`);
      if (text.includes(A.org.session.org.id)) leaks.push(`${q.path}: contains A's organization id`);
      if (text.includes(A.pageSlug) || text.includes(A.draftSlug)) leaks.push(`${q.path}: contains A's page slug`);
    }
    expect(leaks).toEqual([]);
  });

  it("list procedures of B return none of A's ids (and B's own lists are not empty)", async () => {
    const b = B.org.caller;
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    const lists: [string, number[], number[]][] = [
      ["pages.list", ids(await b.pages.list()), [A.pageId, A.draftPageId]],
      ["rules.list", ids(await b.rules.list({ pageId: B.pageId })), A.ruleIds],
      ["overrides.list", ids(await b.overrides.list({ pageId: B.pageId })), [A.overrideId]],
      ["org.apiKeys.list", ids(await b.org.apiKeys.list()), [A.apiKeyId]],
      ["sources.datasets.list", ids(await b.sources.datasets.list()), [A.sourceDatasetId]],
      ["targets.datasets.list", ids(await b.targets.datasets.list()), [A.targetDatasetId]],
      ["sources.definitions.list", ids(await b.sources.definitions.list()), [(await A.org.caller.sources.datasets.get({ id: A.sourceDatasetId })).definitionId]],
      ["targets.definitions.list", ids(await b.targets.definitions.list()), [(await A.org.caller.targets.datasets.get({ id: A.targetDatasetId })).definitionId]],
      ["sources.imports.list", ids(await b.sources.imports.list()), ids(await A.org.caller.sources.imports.list())],
      ["targets.imports.list", ids(await b.targets.imports.list()), ids(await A.org.caller.targets.imports.list())],
      ["pages.revisions", ids(await b.pages.revisions({ pageId: B.pageId })), ids(await A.org.caller.pages.revisions({ pageId: A.pageId }))],
      ["org.audit", (await b.org.audit({ limit: 200 })).items.map((r: { id: number }) => r.id), (await A.org.caller.org.audit({ limit: 200 })).items.map((r: { id: number }) => r.id)],
    ];
    for (const [path, got, foreign] of lists) {
      expect(got.length, `${path} of B is empty: the probe proves nothing`).toBeGreaterThan(0);
      expect(got.filter((id) => foreign.includes(id)), path).toEqual([]);
      figures.add("list procedures checked for foreign ids");
    }
    const outbox = await b.sync.status();
    const all = await A.org.caller.sync.status();
    expect(outbox.pending).toBeGreaterThan(0);
    expect(all.pending).toBeGreaterThan(0);
  });
});

/* ── Forged headers: the real middleware, then the context built from what it forwards ──── */

/** The request headers Next.js hands the route after `NextResponse.next/rewrite({ request: { headers } })`. */
function forwarded(res: Response): Headers {
  const names = (res.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  const out = new Headers();
  for (const name of names) {
    const value = res.headers.get(`x-middleware-request-${name}`);
    if (value !== null) out.set(name, value);
  }
  return out;
}

const FORGED = {
  [TENANT_HEADER]: JSON.stringify({ by: "slug", value: "victim", basePath: "/p/victim" }),
  "X-Compat-Tenant": JSON.stringify({ by: "subdomain", value: "victim", basePath: "" }),
  [REQUEST_ID_HEADER]: "client-chosen-request-id",
  "x-workos-session": "forged-sealed-session",
  "x-workos-middleware": "true",
  "x-url": "https://evil.example/",
  "x-redirect-uri": "https://evil.example/cb",
  "x-sign-up-paths": "/evil",
  "x-harmless": "kept",
};

describe("middleware strips forged tenant, request-id and AuthKit headers", () => {
  const cases: { name: string; url: string; host: string; tenant: TenantRef | null }[] = [
    { name: "admin host", url: "http://localhost:3000/api/trpc/public.page", host: "localhost:3000", tenant: null },
    { name: "dashboard page", url: "http://localhost:3000/dashboard", host: "localhost:3000", tenant: null },
    { name: "path tenant", url: "http://localhost:3000/p/acme/api/trpc/public.page", host: "localhost:3000", tenant: { by: "slug", value: "acme", basePath: "/p/acme" } },
    { name: "path tenant page", url: "http://localhost:3000/p/acme/llm-finder", host: "localhost:3000", tenant: { by: "slug", value: "acme", basePath: "/p/acme" } },
    { name: "subdomain tenant", url: "http://acme.localhost:3000/api/trpc/public.page", host: "acme.localhost:3000", tenant: { by: "subdomain", value: "acme", basePath: "" } },
    { name: "preview host", url: "https://acme---feature.vercel.app/llm-finder", host: "acme---feature.vercel.app", tenant: { by: "subdomain", value: "acme", basePath: "" } },
    { name: "reserved subdomain", url: "http://www.localhost:3000/api/trpc/public.page", host: "www.localhost:3000", tenant: null },
  ];

  for (const c of cases) {
    it(`${c.name}: only the middleware's own values reach the route`, async () => {
      const req = new NextRequest(c.url, { headers: { ...FORGED, host: c.host } });
      const res = await middleware(req);
      const h = forwarded(res);
      figures.add("forged-header requests through the middleware");

      // The request id is the middleware's: fresh, echoed on the response, never the client's.
      const rid = h.get(REQUEST_ID_HEADER);
      expect(rid).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get(REQUEST_ID_HEADER)).toBe(rid);
      // AuthKit's headers are gone (WorkOS is not configured, so nothing re-adds them).
      for (const name of ["x-workos-session", "x-workos-middleware", "x-url", "x-redirect-uri", "x-sign-up-paths"]) expect(h.get(name), name).toBeNull();
      for (const name of Object.keys(FORGED)) expect(res.headers.get(`x-middleware-request-${name.toLowerCase()}`) ?? "", name).not.toContain("victim");
      expect(h.get("x-harmless")).toBe("kept");
      // The tenant header is exactly the middleware's resolution (or absent).
      expect(h.get(TENANT_HEADER)).toBe(c.tenant ? JSON.stringify(c.tenant) : null);

      // And the context built from what the middleware forwarded trusts only that.
      const ctx = await createTRPCContext({ headers: h, db: testDb() });
      expect(ctx.tenant).toEqual(c.tenant);
      expect(ctx.requestId).toBe(rid);
      expect(ctx.session).toBeNull();
    });
  }

  it("/s/… on the admin host is a 404 even with a forged tenant header", async () => {
    const res = await middleware(new NextRequest("http://localhost:3000/s/llm-finder", { headers: { ...FORGED, host: "localhost:3000" } }));
    expect(res.status).toBe(404);
    figures.add("forged-header requests through the middleware");
  });

  it("a forged tenant header on the admin host reaches no tenant's public page", async () => {
    const slug = A.org.session.org.slug;
    const res = await middleware(
      new NextRequest("http://localhost:3000/api/trpc/public.page", { headers: { host: "localhost:3000", [TENANT_HEADER]: JSON.stringify({ by: "slug", value: slug, basePath: `/p/${slug}` }) } }),
    );
    const ctx = await createTRPCContext({ headers: forwarded(res), db: testDb() });
    expect(await outcome(createCaller(ctx).public.page({ slug: A.pageSlug }))).toBe("NOT_FOUND");
    // The same page through the path form is served (the probe is real).
    const real = await middleware(new NextRequest(`http://localhost:3000/p/${slug}/api/trpc/public.page`, { headers: { host: "localhost:3000" } }));
    const realCtx = await createTRPCContext({ headers: forwarded(real), db: testDb() });
    expect(await outcome(createCaller(realCtx).public.page({ slug: A.pageSlug }))).toBe("OK");
    // A path tenant whose request also forges B in the header gets A (the URL), never B.
    const mixed = await middleware(
      new NextRequest(`http://localhost:3000/p/${slug}/api/trpc/public.page`, {
        headers: { host: "localhost:3000", [TENANT_HEADER]: JSON.stringify({ by: "slug", value: B.org.session.org.slug, basePath: "/x" }) },
      }),
    );
    const mixedCtx = await createTRPCContext({ headers: forwarded(mixed), db: testDb() });
    expect(await outcome(createCaller(mixedCtx).public.page({ slug: B.pageSlug }))).toBe("NOT_FOUND");
    expect(authkit.calls).toBe(0);
  });
});

/* ── API keys ───────────────────────────────────────────────────────────────────────────── */

const bearer = (key: string, extra: Record<string, string> = {}) => new Headers({ authorization: `Bearer ${key}`, ...extra });

describe("API keys", () => {
  it("are stored as a hash with a display prefix, keep last_used_at, and stop working when revoked", async () => {
    const org = await createTestOrg({ tier: "team" });
    const created = await org.caller.org.apiKeys.create({ name: "script" });
    expect(created.key).toMatch(/^cpk_[A-Za-z0-9_-]{43}$/);
    const [row] = await testDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(hashApiKey(created.key));
    expect(row!.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(row!.lastUsedAt).toBeNull();
    const listed = await org.caller.org.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const asKey = async (headers: Headers) => createCaller(await createTRPCContext({ headers, db: testDb() }));
    const me = await (await asKey(bearer(created.key))).org.me();
    expect(me).toMatchObject({ organization: { id: org.session.org.id }, role: "admin", via: "api_key" });
    const [used] = await testDb().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(used!.at).toBeInstanceOf(Date);

    await org.caller.org.apiKeys.revoke({ id: created.id });
    expect(await outcome((await asKey(bearer(created.key))).org.me())).toBe("UNAUTHORIZED");
    expect(await outcome((await asKey(bearer(created.key))).pages.list())).toBe("UNAUTHORIZED");
    expect(await outcome((await asKey(bearer(created.key))).org.apiKeys.create({ name: "again" }))).toBe("UNAUTHORIZED");

    // A revoked key next to a valid dev cookie is still anonymous: no fall-through to the cookie.
    const cookie = `${DEV_SESSION_COOKIE}=${encodeURIComponent(encodeDevSession({ userId: org.session.actor.id, orgId: org.session.org.id }, env.DEV_SESSION_SECRET))}`;
    expect(await outcome((await asKey(new Headers({ cookie }))).org.me())).toBe("OK");
    expect(await outcome((await asKey(bearer(created.key, { cookie }))).org.me())).toBe("UNAUTHORIZED");
    // Malformed, foreign-looking and near-miss keys are anonymous too.
    for (const authz of ["Bearer", "Bearer ", `Bearer ${created.key}x`, `Bearer ${created.key.slice(0, -1)}`, `Basic ${created.key}`, `Bearer cpk_${"A".repeat(500)}`, `Bearer ${created.key} extra`]) {
      expect(await outcome((await asKey(new Headers({ authorization: authz, cookie }))).org.me()), authz.slice(0, 30)).toBe("UNAUTHORIZED");
      figures.add("bad or revoked credentials probed");
    }
    // Revoking twice is fine, and another organization cannot revoke (or see) it.
    await expect(org.caller.org.apiKeys.revoke({ id: created.id })).resolves.toMatchObject({ revoked: true });
    expect(await outcome(B.org.caller.org.apiKeys.revoke({ id: created.id }))).toBe("NOT_FOUND");
  });
});

/* ── Members against every admin write ──────────────────────────────────────────────────── */

/** A realistic input for each mutation, aimed at A's real resources. Unknown ones get `{}`. */
function realisticInput(path: string): unknown {
  const side = path.startsWith("targets.") ? "target" : "source";
  const datasetId = side === "source" ? A.sourceDatasetId : A.targetDatasetId;
  const table: Record<string, unknown> = {
    "org.update": { name: "taken over", customSubdomain: "member-sub" },
    "org.apiKeys.create": { name: "member key" },
    "org.apiKeys.revoke": { id: A.apiKeyId },
    "pages.create": { slug: "member-page", name: "m", template: "finder", sourceDatasetId: A.sourceDatasetId, targetDatasetId: A.targetDatasetId },
    "pages.update": { id: A.pageId, name: "member rename" },
    "pages.delete": { id: A.pageId },
    "pages.publish": { pageId: A.draftPageId },
    "rules.create": { pageId: A.pageId, name: "m", logic: { "==": [{ var: "target.provider" }, "x"] } },
    "rules.update": { id: A.ruleIds[0], name: "member rename" },
    "rules.delete": { id: A.ruleIds[0] },
    "rules.reorder": { pageId: A.pageId, ruleIds: [...A.ruleIds].reverse() },
    "overrides.upsert": { pageId: A.pageId, sourceKey: "t3chat", targetKey: "gpt41", verdict: 0, note: "member" },
    "overrides.delete": { id: A.overrideId },
    "sync.rebuild": { pageId: A.pageId },
    [`${side}s.definitions.create`]: { slug: "member-def", name: "m", schema: side === "source" ? sourceSchema : targetSchema },
    [`${side}s.definitions.update`]: { id: -1, name: "m" },
    [`${side}s.definitions.delete`]: { id: -1 },
    [`${side}s.datasets.create`]: { definitionId: -1, name: "m" },
    [`${side}s.datasets.delete`]: { id: datasetId },
    [`${side}s.datasets.import`]: { datasetId, format: "csv", content: side === "source" ? sourceCsv : targetCsv, mode: "replace", wait: true },
  };
  return table[path] ?? {};
}

async function auditCount(orgId: string): Promise<number> {
  const [r] = await testDb().select({ n: count() }).from(auditLog).where(eq(auditLog.organizationId, orgId));
  return Number(r?.n ?? 0);
}

describe("a member (not an admin) is refused every admin write", () => {
  const writes = mutations.filter((m) => !m.path.startsWith("auth."));

  it("the router has the writes we expect to guard", () => {
    expect(writes.length).toBeGreaterThanOrEqual(25);
    expect(writes.map((w) => w.path)).toEqual(expect.arrayContaining(["pages.publish", "rules.create", "sources.datasets.import", "org.apiKeys.create", "sync.rebuild"]));
  });

  it("every mutation except auth.* answers FORBIDDEN, with garbage input and with a realistic one, and nothing changes", async () => {
    const before = await auditCount(A.org.session.org.id);
    const pagesBefore = await A.org.caller.pages.list();
    const rulesBefore = await A.org.caller.rules.list({ pageId: A.pageId });
    const answers: Record<string, string[]> = {};
    for (const m of writes) {
      for (const input of [undefined, {}, { id: "x".repeat(10_000) }, realisticInput(m.path)]) {
        const code = await outcome(call(A.org.memberCaller, m.path, input));
        (answers[m.path] ??= []).push(code);
        figures.add("member write attempts");
      }
    }
    const notForbidden = Object.entries(answers).filter(([, codes]) => codes.some((c) => c !== "FORBIDDEN"));
    expect(notForbidden).toEqual([]);
    figures.add("mutations enumerated from the router", writes.length);
    expect(await auditCount(A.org.session.org.id)).toBe(before);
    expect(await A.org.caller.pages.list()).toEqual(pagesBefore);
    expect(await A.org.caller.rules.list({ pageId: A.pageId })).toEqual(rulesBefore);
  });

  it("admin-only reads are refused to members too", async () => {
    for (const path of ["org.apiKeys.list", "org.audit", "sync.status"]) {
      expect(await outcome(call(A.org.memberCaller, path, path === "org.audit" ? {} : undefined)), path).toBe("FORBIDDEN");
    }
  });

  it("members can still read and evaluate", async () => {
    for (const [path, input] of [
      ["pages.list", undefined],
      ["pages.evaluate", { pageId: A.pageId, path: ["web"] }],
      ["rules.validate", { pageId: A.pageId, logic: { "==": [1, 1] } }],
      ["org.me", undefined],
    ] as const) {
      expect(await outcome(call(A.org.memberCaller, path, input)), path).toBe("OK");
    }
  });
});

/* ── Public procedures: published pages of the request's tenant only ────────────────────── */

/** One input per public procedure; the test fails if the router grows one that is not here. */
const publicInputs: Record<string, (slug: string) => unknown> = {
  "public.pages": () => undefined,
  "public.page": (slug) => ({ slug }),
  "public.options": (slug) => ({ slug, level: 0, path: [] }),
  "public.result": (slug) => ({ slug, path: ["web"] }),
  "public.summary": (slug) => ({ slug, path: ["web"] }),
  "public.matrix": (slug) => ({ slug }),
  "public.changes": (slug) => ({ slug }),
  "public.whatIf": (slug) => ({ slug, sourceKey: "t3chat", targetKey: "gpt41" }),
};

describe("public procedures", () => {
  const publicPaths = procedures.filter((p) => p.path.startsWith("public.")).map((p) => p.path);
  const bySlug = (org: TestOrg) => ({ by: "slug" as const, value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });

  it("every public procedure has a probe here", () => {
    expect(publicPaths.filter((p) => !(p in publicInputs))).toEqual([]);
  });

  it("everything else answers UNAUTHORIZED to an anonymous caller, whatever the input", async () => {
    const closed = procedures.filter((p) => !p.path.startsWith("public.") && !p.path.startsWith("auth."));
    const anonymous = publicCaller(bySlug(A.org));
    for (const p of closed) {
      for (const input of [undefined, {}, { pageId: A.pageId, id: A.pageId, datasetId: A.sourceDatasetId }]) {
        expect(await outcome(call(anonymous, p.path, input)), p.path).toBe("UNAUTHORIZED");
        figures.add("anonymous calls to closed procedures");
      }
    }
  });

  it("answer NOT_FOUND for unpublished pages, other tenants' slugs, deleted pages and unknown tenants", async () => {
    const visitorA = publicCaller(bySlug(A.org));
    const gone = await seedExamplePage(A.org, { slug: `gone-${uid()}` });
    await A.org.caller.pages.publish({ pageId: gone.page.id });
    const goneSlug = (await A.org.caller.pages.get({ id: gone.page.id })).slug;
    expect(await outcome(visitorA.public.page({ slug: goneSlug }))).toBe("OK");
    await A.org.caller.pages.delete({ id: gone.page.id });

    const probes: [string, ReturnType<typeof publicCaller>, string][] = [
      ["draft-only page of the tenant", visitorA, A.draftSlug],
      ["B's published slug under A's host", visitorA, B.pageSlug],
      ["deleted page", visitorA, goneSlug],
      ["unknown tenant", publicCaller({ by: "slug", value: `nobody-${uid()}`, basePath: "/p/nobody" }), A.pageSlug],
      ["no tenant at all", publicCaller(null), A.pageSlug],
      ["subdomain nobody holds", publicCaller({ by: "subdomain", value: `free${uid()}`, basePath: "" }), A.pageSlug],
    ];
    for (const [what, caller, slug] of probes) {
      for (const path of publicPaths) {
        // The list names no page: a real tenant answers it (its pages are checked below).
        if (path === "public.pages" && what !== "unknown tenant" && what !== "no tenant at all" && what !== "subdomain nobody holds") continue;
        expect(await outcome(call(caller, path, publicInputs[path]!(slug))), `${what}: ${path}`).toBe("NOT_FOUND");
        figures.add("public probes on pages a visitor must not see");
      }
    }
    // The list holds A's published pages only: no draft, no deleted page, nothing of B's.
    const listed = (await visitorA.public.pages()).pages.map((p) => p.slug);
    expect(listed).toContain(A.pageSlug);
    for (const absent of [A.draftSlug, goneSlug, B.pageSlug]) expect(listed).not.toContain(absent);
    // A slug both tenants published is listed once: the list reads A's pages, not every tenant's resolved as A's.
    const shared = `shared-${uid()}`;
    for (const org of [A.org, B.org]) await org.caller.pages.publish({ pageId: (await seedExamplePage(org, { slug: shared })).page.id });
    const again = (await visitorA.public.pages()).pages.map((p) => p.slug);
    expect(again.filter((slug) => slug === shared)).toEqual([shared]);
    expect(new Set(again).size).toBe(again.length);
    // The positive control: A's published page answers on every procedure but options of the matrix.
    for (const path of publicPaths) expect(await outcome(call(visitorA, path, publicInputs[path]!(A.pageSlug))), path).toBe("OK");
  });
});

/* ── Custom subdomains are a paid feature, and stop resolving on downgrade ──────────────── */

describe("custom subdomains", () => {
  it("a personal organization cannot take one (session or API key)", async () => {
    const personal = await createTestOrg({ tier: "personal" });
    const sub = `p${uid()}`;
    expect(await outcome(personal.caller.org.update({ customSubdomain: sub }))).toBe("FORBIDDEN");
    const key = await personal.caller.org.apiKeys.create({ name: "k" });
    const viaKey = createCaller(await createTRPCContext({ headers: bearer(key.key), db: testDb() }));
    expect(await outcome(viaKey.org.update({ customSubdomain: sub }))).toBe("FORBIDDEN");
    // Removing one (null) or renaming is allowed on any tier.
    expect(await outcome(personal.caller.org.update({ customSubdomain: null, name: "Renamed" }))).toBe("OK");
    const [row] = await testDb().select({ sub: organizations.customSubdomain }).from(organizations).where(eq(organizations.id, personal.session.org.id));
    expect(row!.sub).toBeNull();
    // Even with a subdomain written behind the app's back, a personal org does not resolve by it.
    await testDb().update(organizations).set({ customSubdomain: sub }).where(eq(organizations.id, personal.session.org.id));
    const { page } = await seedExamplePage(personal, { slug: "free-page" });
    await personal.caller.pages.publish({ pageId: page.id });
    expect(await outcome(publicCaller({ by: "subdomain", value: sub, basePath: "" }).public.page({ slug: "free-page" }))).toBe("NOT_FOUND");
    expect(await outcome(publicCaller({ by: "slug", value: personal.session.org.slug, basePath: "/x" }).public.page({ slug: "free-page" }))).toBe("OK");
  });

  it("a paid organization downgraded to personal stops resolving by subdomain; its /p/ path keeps working", async () => {
    const paid = await createTestOrg({ tier: "team" });
    const sub = `s${uid()}`;
    await paid.caller.org.update({ customSubdomain: sub });
    const { page } = await seedExamplePage(paid, { slug: "paid-page" });
    await paid.caller.pages.publish({ pageId: page.id });
    const viaSub = publicCaller({ by: "subdomain", value: sub, basePath: "" });
    const viaPath = publicCaller({ by: "slug", value: paid.session.org.slug, basePath: `/p/${paid.session.org.slug}` });
    for (const path of Object.keys(publicInputs)) expect(await outcome(call(viaSub, path, publicInputs[path]!("paid-page"))), path).toBe("OK");

    await testDb().update(organizations).set({ planTier: "personal" }).where(eq(organizations.id, paid.session.org.id));
    for (const path of Object.keys(publicInputs)) {
      expect(await outcome(call(viaSub, path, publicInputs[path]!("paid-page"))), `downgraded: ${path}`).toBe("NOT_FOUND");
      expect(await outcome(call(viaPath, path, publicInputs[path]!("paid-page"))), `path form: ${path}`).toBe("OK");
      figures.add("downgrade probes");
    }
    // Re-taking it while personal is refused; upgrading again brings it back.
    const downgraded = createCaller(await createTRPCContext({ headers: bearer((await paid.caller.org.apiKeys.create({ name: "k" })).key), db: testDb() }));
    expect(await outcome(downgraded.org.update({ customSubdomain: `${sub}x` }))).toBe("FORBIDDEN");
    await testDb().update(organizations).set({ planTier: "enterprise" }).where(and(eq(organizations.id, paid.session.org.id)));
    expect(await outcome(viaSub.public.page({ slug: "paid-page" }))).toBe("OK");
  });
});
