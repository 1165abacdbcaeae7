import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "~/server/auth/api-keys";
import { createDb } from "~/server/db/client";
import { upsertOrganization } from "~/server/org/orgs";
import { request, startServer, type TestServer } from "./server";

/**
 * Issue 11 items 7 and 8, against real `next dev` servers: whatever a stranger sends gets a 4xx
 * (never a 500), a rate-limited visitor gets a readable 429 page with `Retry-After`, and the rate
 * limit is keyed by the address the socket gave (TRUSTED_PROXY_HOPS=0, the default), so rotating
 * `X-Forwarded-For` does not escape it. docs/limits.md.
 */
const e2eDatabaseUrl = inject("e2eDatabaseUrl");
const MB = 1024 * 1024;
const LIMIT = 4;

let limited: TestServer;
let key: string;

beforeAll(async () => {
  const handle = createDb(e2eDatabaseUrl);
  try {
    const stamp = Date.now().toString(36);
    const org = await upsertOrganization(handle.db, { id: `org_strangers_${stamp}`, name: "Strangers", slug: `strangers-${stamp}`, planTier: "team" });
    key = (await createApiKey({ db: handle.db, orgId: org.id, actor: { type: "system", id: "e2e" }, requestId: "e2e-strangers" }, "strangers")).key;
  } finally {
    await handle.close();
  }
  // A second server with a tiny public rate limit (the suite's server has 100,000 so browser tests never meet it).
  limited = await startServer({
    name: "limited",
    env: (port) => ({ DATABASE_URL: e2eDatabaseUrl, ROOT_DOMAIN: `localhost:${port}`, LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: String(LIMIT), PUBLIC_RATE_WINDOW_MS: "600000" }),
  });
}, 10 * 60_000);

afterAll(async () => {
  await limited?.stop();
});

const pageInput = encodeURIComponent(JSON.stringify({ json: { slug: "llm-finder" } }));

describe("rate limits key on the address the socket gave (TRUSTED_PROXY_HOPS=0)", () => {
  it("rotating X-Forwarded-For does not escape the limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) {
      const r = await request(limited.url, `/p/demo/api/trpc/public.page?input=${pageInput}`, { headers: { "x-forwarded-for": `10.9.${i}.1`, "x-real-ip": `10.8.${i}.1` } });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
  });

  it("a rate-limited visitor opening a rendered page gets a readable 429 page with Retry-After, not a 500", async () => {
    let r = await request(limited.url, "/p/demo/llm-finder", { headers: { "x-forwarded-for": "10.7.0.1", accept: "text/html" } });
    // A page render cannot set its own status in Next: it sends the visitor to the 429 answer.
    const hops: number[] = [r.status];
    if (r.status >= 300 && r.status < 400 && r.headers.location) {
      r = await request(limited.url, r.headers.location, { headers: { accept: "text/html" } });
      hops.push(r.status);
    }
    expect(hops.at(-1), `statuses ${hops.join(" → ")}`).toBe(429);
    expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(r.headers["content-type"]).toMatch(/text\/html/);
    expect(r.body).toMatch(/Too many requests/i);
    expect(r.body).toMatch(/\/p\/demo\/llm-finder/); // a way back to the page
  });

  it("a page view costs one request of the limit, and shares the count with the API calls of its client", async () => {
    const client = { localAddress: "127.0.0.2", headers: { accept: "text/html" } };
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await request(limited.url, "/p/demo/llm-finder?path=chat", client)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expect((await request(limited.url, `/p/demo/api/trpc/public.page?input=${pageInput}`, client)).status).toBe(429);
    // Another socket address is another client.
    expect((await request(limited.url, "/p/demo/llm-finder", { ...client, localAddress: "127.0.0.3" })).status).toBe(200);
  });
});

describe("whatever a stranger sends gets a 4xx", () => {
  it.each([
    "/robots.txt/..%2Fapi/trpc/public.page?input=" + pageInput,
    "/robots.txt/..%2Fapi/health",
    "/robots.txt/..%2F..%2Fapi/trpc/auth.session",
    "/favicon.ico/..%2Fapi/trpc/public.page",
    "/favicon.svg/..%2Fp/demo/llm-finder",
    "/_next/static/..%2F..%2Fapi/trpc/public.page",
    "/robots.txt%2F..%2Fapi/health",
  ])("%s", async (path) => {
    const r = await request(limited.url, path, { headers: { "x-compat-tenant": JSON.stringify({ by: "slug", value: "demo" }) } });
    expect(r.status, r.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(r.status, r.body.slice(0, 300)).toBeLessThan(500);
  });

  const post = (path: string, body: string, signedIn: boolean) =>
    request(limited.url, path, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...(signedIn ? { authorization: `Bearer ${key}` } : {}) },
    });

  it.each([true, false])("a 5 MB page name (API key: %s)", async (signedIn) => {
    const r = await post("/api/trpc/pages.update", JSON.stringify({ json: { id: 1, name: "n".repeat(5 * MB) } }), signedIn);
    expect(r.status, r.body.slice(0, 300)).toBe(signedIn ? 400 : 401);
    if (signedIn) expect(r.body).toMatch(/name/);
  });

  it.each([true, false])("a 25 MB schema (API key: %s)", async (signedIn) => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, type: "string", required: false, description: "d".repeat(MB) }));
    const r = await post("/api/trpc/sources.definitions.create", JSON.stringify({ json: { slug: "huge", name: "Huge", schema: { labelField: "f0", fields } } }), signedIn);
    expect(r.status, r.body.slice(0, 300)).toBe(signedIn ? 400 : 401);
  });

  it("the server logged no unhandled errors", () => {
    expect(limited.output()).not.toMatch(/should not be disturbed or locked|unhandledRejection|ENOTDIR/);
  });
});
