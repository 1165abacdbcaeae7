// @vitest-environment edge-runtime
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { delivery, displayData, newConvex, ORG_A, resultWire, shardsData, target, payloadOf } from "./test.setup";

const SECRET = "s3cret-for-tests";
const page = { orgSlug: ORG_A.orgSlug, slug: "llm-finder" };

function post(t: ReturnType<typeof newConvex>, body: unknown, authorization: string | null = `Bearer ${SECRET}`) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization;
  return t.fetch("/sync", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

const publishBatch = () => ({
  deliveries: [
    delivery("page-display", target(ORG_A, "p1", 1), displayData()),
    delivery("option-shards", target(ORG_A, "p1", 1), shardsData([["web"], ["cli"], ["ide"]])),
    delivery("result-cache", target(ORG_A, "p1", 1), resultWire("k1")),
  ],
});

beforeEach(() => {
  vi.stubEnv("SYNC_SECRET", SECRET);
  vi.spyOn(console, "log").mockImplementation(() => {});
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("POST /sync", () => {
  test("applies a batch of deliveries and reports what it did", async () => {
    const t = newConvex();
    const response = await post(t, publishBatch());

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ applied: 3, ignored: 0 });
    expect((await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" }))?.values).toHaveLength(3);
    expect(payloadOf(await t.query(api.pages.getResult, { ...page, cacheKey: "k1" }))).toMatchObject({ verdict: 2 });
  });

  test("re-sending the batch changes nothing, and stale deliveries are counted as ignored", async () => {
    const t = newConvex();
    await post(t, publishBatch());
    await post(t, { deliveries: [delivery("page-display", target(ORG_A, "p1", 2), displayData({ name: "v2" }))] });

    const response = await post(t, publishBatch());
    expect(await response.json()).toEqual({ applied: 0, ignored: 3 });
    expect((await t.query(api.pages.getBySlug, page))?.name).toBe("v2");
  });

  test("a payload keyed by tenant data (non-ASCII, `$`-prefixed keys) round-trips", async () => {
    const t = newConvex();
    const payload = { features: { Région: { ok: true }, $weird: [1, { ü: null }] }, verdict: 1 };
    const response = await post(t, {
      deliveries: [
        delivery("page-display", target(ORG_A, "p1", 1), displayData()),
        delivery("result-cache", target(ORG_A, "p1", 1), resultWire("k1", { payload })),
      ],
    });

    expect(await response.json()).toEqual({ applied: 2, ignored: 0 });
    expect(payloadOf(await t.query(api.pages.getResult, { ...page, cacheKey: "k1" }))).toEqual(payload);
  });

  test("a page-remove delivery unpublishes the page", async () => {
    const t = newConvex();
    await post(t, publishBatch());
    const response = await post(t, { deliveries: [delivery("page-remove", target(ORG_A, "p1", 1), {})] });

    expect(await response.json()).toEqual({ applied: 1, ignored: 0 });
    expect(await t.query(api.pages.getBySlug, page)).toBeNull();
  });

  test.each([
    ["no Authorization header", null],
    ["a wrong secret", "Bearer not-the-secret"],
    ["the secret without the Bearer scheme", SECRET],
    ["a secret that is only a prefix", `Bearer ${SECRET.slice(0, -1)}`],
  ])("refuses a request with %s and writes nothing", async (_, authorization) => {
    const t = newConvex();
    const response = await post(t, publishBatch(), authorization);

    expect(response.status).toBe(401);
    expect(await t.query(api.pages.getBySlug, page)).toBeNull();
  });

  test("refuses every request while SYNC_SECRET is unset", async () => {
    vi.stubEnv("SYNC_SECRET", "");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const t = newConvex();

    for (const authorization of [`Bearer ${SECRET}`, "Bearer ", null]) {
      expect((await post(t, publishBatch(), authorization)).status).toBe(401);
    }
    expect(await t.query(api.pages.getBySlug, page)).toBeNull();
  });

  // A valid delivery goes first: the whole batch is checked before anything is applied.
  const afterValid = (...items: unknown[]) => ({
    deliveries: [delivery("page-display", target(ORG_A, "p1", 1), displayData()), ...items],
  });
  const remove = delivery("page-remove", target(ORG_A, "p", 1), {});

  test.each([
    ["invalid JSON", "{not json", "body: not valid JSON"],
    ["a body without deliveries", { items: [] }, "body: expected { deliveries: Delivery[] }"],
    ["an unknown kind", afterValid({ ...remove, kind: "drop-all" }), "deliveries[1].kind: expected one of"],
    ["a missing field", afterValid({ ...remove, pageId: undefined }), "deliveries[1].pageId: is required"],
    ["an unexpected field", afterValid({ ...remove, extra: 1 }), "deliveries[1].extra: unexpected field"],
    [
      "a wrongly typed data field",
      afterValid(delivery("page-display", target(ORG_A, "p", 1), { ...displayData(), template: "grid" as "finder" })),
      'deliveries[1].data.template: expected one of "finder", "matrix"',
    ],
    [
      "a fractional revision",
      afterValid({ ...remove, revisionId: 1.5 }),
      "deliveries[1].revisionId: expected a whole number",
    ],
    [
      "an empty shard list",
      afterValid(delivery("option-shards", target(ORG_A, "p", 1), shardsData([]))),
      "deliveries[1].data.shards",
    ],
    [
      "a payload over the document limit",
      afterValid(delivery("result-cache", target(ORG_A, "p", 1), resultWire("k", { payload: "x".repeat(1_000_001) }))),
      "deliveries[1].data.payload: larger than 1000000 bytes",
    ],
    ["too many deliveries", { deliveries: Array.from({ length: 501 }, () => remove) }, "at most 500"],
  ])("answers 400 for %s and writes nothing", async (_, body, message) => {
    const t = newConvex();
    const response = await post(t, body);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(message);
    expect(await t.query(api.pages.getBySlug, page)).toBeNull();
  });

  test("only POST /sync is routed", async () => {
    const t = newConvex();
    expect((await t.fetch("/sync", { method: "GET" })).status).toBe(404);
    expect((await t.fetch("/sync/extra", { method: "POST" })).status).toBe(404);
  });
});
