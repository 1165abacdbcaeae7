/**
 * The REST API answers exactly what the public procedures answer (same data, ETag/304, cacheable),
 * on a fixture page published in a fresh organization; bad input and unknown pages are clear 4xx.
 */
import { describe, expect, it } from "vitest";
import { env } from "~/env";
import { encodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { createTestOrg, publicCaller, testDb, type TestOrg } from "~/test/helpers";
import { applyView, parseView } from "~/lib/finder-view";
import { answerRest } from "./handler";
import { checkAnswer, matrixAnswer, optionsAnswer, pageAnswer, pagesAnswer, resultAnswer } from "./schemas";

function get(org: TestOrg, url: string, headers: Record<string, string> = {}) {
  const u = new URL(url, "http://t.test/api/v1/");
  const req = new Request(u, { headers: { [TENANT_HEADER]: encodeTenantHeader({ by: "slug", value: org.session.org.slug, basePath: "" }), "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}`, ...headers } });
  return answerRest(req, u.pathname.slice("/api/v1/".length).split("/").map(decodeURIComponent), testDb());
}

async function json(org: TestOrg, url: string) {
  const res = await get(org, url);
  expect(res.status, `${url}: ${res.status}`).toBe(200);
  return res.json();
}

async function published(template: "finder" | "matrix" = "finder") {
  const org = await createTestOrg();
  const { page } = await seedExamplePage(org, { template, slug: template === "finder" ? "llm-finder" : "llm-matrix" });
  await org.caller.pages.publish({ pageId: page.id });
  // A draft page is never listed nor served.
  await seedExamplePage(org, { slug: "draft-only" });
  return { org, pub: publicCaller({ by: "slug", value: org.session.org.slug, basePath: "" }) };
}

describe("REST API /api/v1", () => {
  it("each answer equals the matching public procedure's answer, and matches its documented schema", async () => {
    const { org, pub } = await published();
    const list = await json(org, "pages");
    expect(list).toEqual(await pub.public.pages());
    expect(list.pages.map((p: { slug: string }) => p.slug)).toEqual(["llm-finder"]);
    pagesAnswer.parse(list);

    const page = await json(org, "pages/llm-finder");
    expect(page).toEqual(await pub.public.page({ slug: "llm-finder" }));
    pageAnswer.parse(page);

    const level0 = await json(org, "pages/llm-finder/options");
    expect(level0).toEqual(await pub.public.options({ slug: "llm-finder", level: 0, path: [] }));
    optionsAnswer.parse(level0);
    const level1 = await json(org, "pages/llm-finder/options?path=web");
    expect(level1).toEqual(await pub.public.options({ slug: "llm-finder", level: 1, path: ["web"] }));

    const result = await json(org, "pages/llm-finder/result?path=web");
    expect(result).toEqual(await pub.public.result({ slug: "llm-finder", path: ["web"] }));
    expect(result.targets.length).toBeGreaterThan(1);
    resultAnswer.parse(result);

    const check = await json(org, "pages/llm-finder/check?source=t3chat&target=gpt41mini");
    expect(check).toEqual(await pub.public.whatIf({ slug: "llm-finder", sourceKey: "t3chat", targetKey: "gpt41mini" }));
    checkAnswer.parse(check);

    const matrix = await json(org, "pages/llm-finder/matrix.json?rowLimit=2");
    expect(matrix).toEqual(await pub.public.matrix({ slug: "llm-finder", rowLimit: 2 }));
    matrixAnswer.parse(matrix);
  });

  it("a result with the Finder's filters and sort is the Finder's own view of the same answer", async () => {
    const { org, pub } = await published();
    const full = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    for (const query of ["show=compatible", "sort=name", "q=mini", "show=fit&group=openai", "sort=name&show=fit"]) {
      const got = await json(org, `pages/llm-finder/result?path=web&${query}`);
      const expected = applyView(full.targets, parseView(new URLSearchParams(query)));
      expect(got.targets.map((t: { key: string }) => t.key), query).toEqual(expected.map((t) => t.key));
      expect({ ...got, targets: [] }).toEqual({ ...full, targets: [] });
    }
    const names = (await json(org, "pages/llm-finder/result?path=web&sort=name")).targets.map((t: { label: string }) => t.label);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect((await json(org, "pages/llm-finder/result?path=web&q=mini")).targets.map((t: { key: string }) => t.key)).toEqual(["gpt41mini"]);
  });

  it("matrix.csv holds the matrix's verdicts, one row per source, one column per target", async () => {
    const { org, pub } = await published("matrix");
    const res = await get(org, "pages/llm-matrix/matrix.csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n").map((l) => l.split(","));
    const m = await pub.public.matrix({ slug: "llm-matrix" });
    expect(lines[0]).toEqual(["source_key", "source", ...m.targets.map((t) => t.label)]);
    expect(lines.slice(1)).toEqual(m.rows.map((r) => [r.key, r.label, ...r.cells.map((c) => ["incompatible", "partial", "compatible"][c.v])]));
  });

  it("answers carry an ETag and public Cache-Control; If-None-Match gets a 304", async () => {
    const { org } = await published();
    for (const url of ["pages", "pages/llm-finder", "pages/llm-finder/options", "pages/llm-finder/result?path=web&sort=name", "pages/llm-finder/check?source=t3chat&target=gpt41", "pages/llm-finder/matrix.csv"]) {
      const res = await get(org, url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("cache-control"), url).toMatch(/^public, max-age=0, s-maxage=\d+/);
      const etag = res.headers.get("etag")!;
      expect(etag, url).toMatch(/^"[a-z]+-[0-9a-f]{64}"$/);
      const again = await get(org, url, { "if-none-match": etag });
      expect(again.status, url).toBe(304);
    }
  });

  it("drafts, unknown pages, unknown paths and bad input are clear 4xx errors", async () => {
    const { org } = await published();
    const cases: [string, number, RegExp][] = [
      ["pages/draft-only", 404, /draft-only/],
      ["pages/nope/result?path=web", 404, /nope/],
      ["pages/llm-finder/nothing", 404, /API path/],
      ["pages/llm-finder/result?page=0", 400, /query page/],
      ["pages/llm-finder/result?show=maybe", 400, /query show/],
      ["pages/llm-finder/result?pth=web", 400, /pth/],
      ["pages/llm-finder/check?source=t3chat", 400, /query target/],
      ["pages/llm-finder/check?source=t3chat&target=zzz", 400, /zzz/],
      ["pages/llm-finder/matrix.json?rowLimit=x", 400, /query rowLimit/],
    ];
    for (const [url, status, message] of cases) {
      const res = await get(org, url);
      expect(res.status, url).toBe(status);
      const body = await res.json();
      expect(body.error.message, url).toMatch(message);
    }
  });

  it("is rate-limited per client and organization like the public procedures (429 with Retry-After)", async () => {
    const { org } = await published();
    const client = { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` };
    let last: Response | null = null;
    for (let i = 0; i <= env.PUBLIC_RATE_LIMIT; i++) last = await get(org, "pages/llm-finder", client);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("TOO_MANY_REQUESTS");
    // Another client of the same organization is not affected.
    expect((await get(org, "pages/llm-finder")).status).toBe(200);
  });
});
