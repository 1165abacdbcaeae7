import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { featureRules } from "~/server/db/schema";
import { contextFor, createTestOrg, testDb, type TestOrg } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";

/** The real request path: JSON body → tRPC fetch adapter → superjson → zod → handler. */
function post(org: TestOrg, path: string, body: string) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }),
    router: appRouter,
    createContext: () => contextFor(org.session),
  });
}

describe("hostile rule bodies over HTTP", () => {
  it("10,000- and 100,000-deep and 5 MB rules answer 400 and store nothing", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { rules: false });
    const envelope = (logic: string) => `{"json":{"pageId":${page.id},"name":"x","required":true,"weight":1,"logic":${logic}}}`;
    const nested = (depth: number) => {
      let s = '{"var":"source.needsStreaming"}';
      for (let i = 0; i < depth; i++) s = `{"!":[${s}]}`;
      return s;
    };
    const big = JSON.stringify({ in: ["x", Array.from({ length: 700_000 }, (_, i) => `value-${i}`)] });
    expect(big.length).toBeGreaterThan(5_000_000);

    for (const logic of [nested(10_000), nested(100_000), big]) {
      const res = await post(org, "rules.create", envelope(logic));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { json: { message: string } } };
      expect(body.error.json.message).toMatch(/deeper|larger/);
    }
    const stored = await testDb().select({ id: featureRules.id }).from(featureRules).where(and(eq(featureRules.organizationId, org.session.org.id), eq(featureRules.pageId, page.id)));
    expect(stored).toHaveLength(0);

    // The same path still accepts a good rule.
    const ok = await post(org, "rules.create", envelope('{"==":[{"var":"target.provider"},"openai"]}'));
    expect(ok.status).toBe(200);
  });
});
