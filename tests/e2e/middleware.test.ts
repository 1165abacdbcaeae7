import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { request } from "./server";

const baseUrl = inject("baseUrl");
const port = new URL(baseUrl).port;

describe("middleware (proves the root middleware.ts actually runs)", () => {
  it("stamps every response with a request id", async () => {
    const r = await request(baseUrl, "/api/health");
    expect(r.status).toBe(200);
    expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, database: { ok: true }, convex: { configured: false } });
  });

  it("does not trust a request id the client sent", async () => {
    const r = await request(baseUrl, "/api/health", { headers: { "x-request-id": "client-chosen" } });
    expect(r.headers["x-request-id"]).not.toBe("client-chosen");
  });

  it("serves the tenant route only through a tenant host or /p/", async () => {
    expect((await request(baseUrl, "/s/llm-finder")).status).toBe(404);
  });

  it("a forged tenant header reaches nothing of that tenant", async () => {
    const input = encodeURIComponent(JSON.stringify({ json: { slug: "llm-finder" } }));
    const forged = await request(baseUrl, `/api/trpc/public.page?input=${input}`, {
      headers: { "x-compat-tenant": JSON.stringify({ by: "slug", value: "demo" }) },
    });
    expect(forged.status).toBe(404);
    expect(forged.body).not.toContain("llm-finder\"");
    const real = await request(baseUrl, `/p/demo/api/trpc/public.page?input=${input}`);
    expect(real.status).toBe(200);
    const viaHost = await request(baseUrl, `/api/trpc/public.page?input=${input}`, { host: `demo.localhost:${port}` });
    expect(viaHost.status).toBe(200);
  });
});

describe("API keys over HTTP", () => {
  it("`npm run api-key -- create --org acme --tier team` prints a key that org.me answers for", async () => {
    const slug = `acme${Date.now().toString(36)}`;
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/api-key.ts", "create", "--org", slug, "--tier", "team"], {
      env: { ...process.env, DATABASE_URL: inject("e2eDatabaseUrl") },
    });
    const key = stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^cpk_/);
    const r = await request(baseUrl, "/api/trpc/org.me", { headers: { authorization: `Bearer ${key}` } });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { result: { data: { json: { organization: { slug: string; planTier: string } } } } };
    expect(body.result.data.json.organization).toMatchObject({ slug, planTier: "team" });

    const anonymous = await request(baseUrl, "/api/trpc/org.me");
    expect(anonymous.status).toBe(401);
  });
});
