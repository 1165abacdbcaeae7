/**
 * The public read path over HTTP, as the browser and plain clients call it: stored bytes, strong
 * ETags, 304s, and no SQL at all for a steady-state hit (statements counted through the db client).
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { encodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { countedHeldReads } from "~/server/pages/read/held-reads.test-support";
import { reimport, seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";
import { createTestOrg, testDb, type TestOrg } from "~/test/helpers";
import { compactFinderResult } from "~/lib/compact-result";
import { answerPublicPlain, answerPublicTRPC } from "./public-http";

const { db, statements } = countedHeldReads();

const trpcUrl = (proc: string, input: unknown) => `http://t.test/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const batchUrl = (calls: [string, unknown][]) =>
  `http://t.test/api/trpc/${calls.map(([p]) => p).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(calls.map(([, i], n) => [n, { json: i }]))))}`;

function request(org: TestOrg, url: string, headers: Record<string, string> = {}) {
  return new Request(url, { headers: { [TENANT_HEADER]: encodeTenantHeader({ by: "slug", value: org.session.org.slug, basePath: "" }), "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}`, ...headers } });
}

async function fast(org: TestOrg, url: string, headers: Record<string, string> = {}) {
  const res = await answerPublicTRPC(request(org, url, headers), "/api/trpc", db);
  if (!(res instanceof Response)) throw new Error(`fast path declined ${url}`);
  return res;
}

/** What tRPC itself answers for the same request (the reference the fast path must equal). */
async function viaTRPC(org: TestOrg, url: string) {
  const req = request(org, url);
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createTRPCContext({ headers: req.headers, db: testDb() }) });
  return res.json();
}

describe("public answers over HTTP", () => {
  it("a cached result is served as stored bytes, with no SQL, equal to tRPC's own answer, in both GET forms", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const url = trpcUrl("public.result", { slug: "llm-finder", path: ["web"] });

    const first = await fast(org, url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    const body = await first.text();
    expect(JSON.parse(body)).toEqual(await viaTRPC(org, url));
    // Bytes equal a fresh computation of the same selection.
    expect(JSON.parse(body).result.data.json).toEqual(await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] }));

    statements.length = 0;
    const again = await fast(org, url);
    expect(await again.text()).toBe(body);
    const batch = batchUrl([
      ["public.page", { slug: "llm-finder" }],
      ["public.options", { slug: "llm-finder", level: 0, path: [] }],
      ["public.result", { slug: "llm-finder", path: ["web"] }],
      ["public.summary", { slug: "llm-finder", path: ["web"] }],
    ]);
    const warm = await (await fast(org, batch)).text();
    statements.length = 0;
    const batched = await fast(org, batch);
    expect(await batched.text()).toBe(warm);
    expect(statements).toEqual([]);
    expect(JSON.parse(warm)).toEqual(await viaTRPC(org, batch));
    expect(JSON.parse(warm)[3].result.data.json).toEqual(compactFinderResult(JSON.parse(body).result.data.json));

    const plain = await answerPublicPlain(request(org, "http://t.test/api/public/result?slug=llm-finder&path=web"), "result", db);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual(JSON.parse(body).result.data.json);
  });

  it("answers If-None-Match with 304 and a strong ETag named by the cache key", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const url = trpcUrl("public.result", { slug: "llm-finder", path: ["web"] });
    const etag = (await fast(org, url)).headers.get("etag")!;
    expect(etag).toMatch(/^"t-[0-9a-f]{64}"$/);
    const revalidated = await fast(org, url, { "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect((await fast(org, url, { "if-none-match": '"t-other"' })).status).toBe(200);

    const plainUrl = "http://t.test/api/public/result?slug=llm-finder&path=web";
    const plainTag = (await answerPublicPlain(request(org, plainUrl), "result", db)).headers.get("etag")!;
    expect((await answerPublicPlain(request(org, plainUrl, { "if-none-match": plainTag }), "result", db)).status).toBe(304);
  });

  it("a publish, an import and an org rename in this process are seen by the next read, though pointers are held", async () => {
    const org = await createTestOrg();
    const { page, targetDatasetId } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const info = async () => JSON.parse(await (await fast(org, trpcUrl("public.page", { slug: "llm-finder" }))).text()).result.data.json;
    const before = await info();
    expect(before.revision).toBe(1);

    await org.caller.rules.create({ pageId: page.id, name: "Anthropic only", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "anthropic"] } });
    await org.caller.pages.publish({ pageId: page.id });
    expect((await info()).revision).toBe(2);
    const result = JSON.parse(await (await fast(org, trpcUrl("public.result", { slug: "llm-finder", path: ["web"] }))).text()).result.data.json;
    expect(result.features.map((f: { name: string }) => f.name)).toContain("Anthropic only");

    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("gpt41", "gpt41b"));
    expect((await info()).cache.targetVersion).toBe(before.cache.targetVersion + 1);

    await org.caller.org.update({ name: "Renamed Inc" });
    expect((await info()).orgName).toBe("Renamed Inc");

    await org.caller.pages.delete({ id: page.id });
    expect(await answerPublicTRPC(request(org, trpcUrl("public.page", { slug: "llm-finder" })), "/api/trpc", db)).not.toBeInstanceOf(Response);
  });

  it("declines what it does not serve: writes, other procedures, superjson meta, unknown tenants, errors", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const declined = async (req: Request) => expect(await answerPublicTRPC(req, "/api/trpc", db)).not.toBeInstanceOf(Response);
    await declined(request(org, trpcUrl("pages.list", undefined)));
    await declined(request(org, trpcUrl("public.whatIf", { slug: "llm-finder", sourceKey: "t3chat", targetKey: "gpt41" })));
    await declined(request(org, trpcUrl("public.result", { slug: "nope", path: [] })));
    await declined(request(org, trpcUrl("public.result", { slug: "llm-finder", path: "web" })));
    await declined(request(org, `http://t.test/api/trpc/public.page?input=${encodeURIComponent(JSON.stringify({ json: { slug: "llm-finder" }, meta: { values: {} } }))}`));
    await declined(new Request(trpcUrl("public.page", { slug: "llm-finder" })));
    await declined(request(org, trpcUrl("public.page", { slug: "llm-finder" }), { "trpc-accept": "application/jsonl" }));
  });
});
