import { beforeAll, describe, expect, it } from "vitest";
import { publicCaller, testDb } from "~/test/helpers";
import { getOrgById } from "~/server/org/orgs";
import { APPS } from "./apps";
import { MODELS } from "./models";
import { OVERRIDES, RULES } from "./rules";
import { DEMO_ORG, DEMO_PAGES, demoCaller, seedDemo } from "./seed";

/** What a second run must leave untouched. */
async function counts(api: ReturnType<typeof demoCaller>) {
  const pages = await api.pages.list();
  const perPage = await Promise.all(
    pages.map(async (p) => ({
      slug: p.slug,
      rules: (await api.rules.list({ pageId: p.id })).length,
      overrides: (await api.overrides.list({ pageId: p.id })).length,
      revisions: (await api.pages.revisions({ pageId: p.id })).length,
    })),
  );
  const sources = await api.sources.datasets.list({});
  const targets = await api.targets.datasets.list({});
  return {
    perPage,
    sourceDefinitions: (await api.sources.definitions.list()).length,
    targetDefinitions: (await api.targets.definitions.list()).length,
    datasets: [...sources, ...targets].map((d) => ({ name: d.name, rows: d.rowCount, version: d.version })),
  };
}

describe("seedDemo", () => {
  let api: ReturnType<typeof demoCaller>;
  let pageIds: { finder: number; matrix: number };

  beforeAll(async () => {
    const db = testDb();
    // The demo org has a fixed id: another run on this database may have seeded it already.
    await seedDemo(db);
    const org = await getOrgById(db, DEMO_ORG.id);
    api = demoCaller(db, org!);
    const pages = await api.pages.list();
    pageIds = {
      finder: pages.find((p) => p.slug === DEMO_PAGES.finder.slug)!.id,
      matrix: pages.find((p) => p.slug === DEMO_PAGES.matrix.slug)!.id,
    };
  });

  it("creates a team organization reachable on the demo subdomain", async () => {
    const org = await getOrgById(testDb(), DEMO_ORG.id);
    expect(org).toMatchObject({ slug: "demo", planTier: "team", customSubdomain: "demo" });
  });

  it("imports every app and at least 30 models from at least 6 providers", async () => {
    const [sources] = await api.sources.datasets.list({});
    const [targets] = await api.targets.datasets.list({});
    expect(sources!.rowCount).toBe(APPS.length);
    expect(targets!.rowCount).toBe(MODELS.length);
    expect(targets!.rowCount).toBeGreaterThanOrEqual(30);
    expect(new Set(MODELS.map((m) => m.provider)).size).toBeGreaterThanOrEqual(6);
  });

  it("publishes both pages with every rule and override", async () => {
    for (const pageId of [pageIds.finder, pageIds.matrix]) {
      const page = await api.pages.get({ id: pageId });
      expect(page.status).toBe("published");
      expect(page.ruleCount).toBe(RULES.length);
      expect(page.overrideCount).toBe(OVERRIDES.length);
    }
  });

  it("serves the Finder to visitors of demo.localhost", async () => {
    const visitor = publicCaller({ by: "subdomain", value: "demo", basePath: "" });
    const page = await visitor.public.page({ slug: DEMO_PAGES.finder.slug });
    expect(page.name).toBe("Which LLM fits your app?");
    const result = await visitor.public.result({ slug: DEMO_PAGES.finder.slug, path: ["Document analysis", "web", "research-paper-reader"] });
    expect(result.totalTargets).toBe(MODELS.length);
  });

  it("ranks the Finder by verdict, then score, with groups as labels and plain-language sentences", async () => {
    const visitor = publicCaller({ by: "subdomain", value: "demo", basePath: "" });
    const result = await visitor.public.result({ slug: DEMO_PAGES.finder.slug, path: ["Data extraction", "backend", "invoice-extractor"] });
    const order = result.targets.map((t) => t.verdict);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(new Set(result.targets.map((t) => t.group)).size).toBeGreaterThan(3);
    const deepseek = result.targets.find((t) => t.key === "deepseek-v3")!;
    const sentences = deepseek.features.flatMap((f) => (f.sentence ? [f.sentence] : []));
    expect(sentences).toContain("DeepSeek-V3 doesn't support structured outputs, which Invoice data extractor needs");
    for (const s of sentences) expect(s).not.toMatch(/source\.|target\./);
  });

  it("tells what would make a failing pair compatible, and trying that change gives that verdict", async () => {
    const visitor = publicCaller({ by: "subdomain", value: "demo", basePath: "" });
    const slug = DEMO_PAGES.finder.slug;
    const base = await visitor.public.whatIf({ slug, sourceKey: "invoice-extractor", targetKey: "deepseek-v3" });
    expect(base.verdict).toBe(0);
    expect(base.fixes.filter((f) => f.required).map((f) => f.change?.field)).toEqual(expect.arrayContaining(["needsStructuredOutputs", "needsVision"]));
    expect(base.combined!.verdictAfter).toBe(2);
    const changes = Object.fromEntries(base.combined!.changes.map((c) => [c.field, c.to as boolean | number | string | null]));
    const tried = await visitor.public.whatIf({ slug, sourceKey: "invoice-extractor", targetKey: "deepseek-v3", changes });
    expect(tried.verdict).toBe(2);
    expect(tried.tried.map((c) => c.label)).toContain("Needs structured outputs");
    for (const alt of base.alternatives) expect(alt.group).toBe("DeepSeek");
    await expect(visitor.public.whatIf({ slug, sourceKey: "invoice-extractor", targetKey: "deepseek-v3", changes: { id: "x" } })).rejects.toThrow(/cannot be set/);
  });

  it("serves the Matrix grouped by provider, with the override visible in its cell", async () => {
    const visitor = publicCaller({ by: "slug", value: "demo", basePath: "/p/demo" });
    const m = await visitor.public.matrix({ slug: DEMO_PAGES.matrix.slug, rowLimit: 50 });
    expect(m.totalRows).toBe(APPS.length);
    expect(m.totalTargets).toBe(MODELS.length);
    expect(m.groups.map((g) => g.name).sort()).toEqual([...new Set(MODELS.map((x) => x.provider))].sort());
    const columns = m.groups.flatMap((g) => g.targetKeys);
    const row = m.rows.find((r) => r.key === "eu-legal-reviewer")!;
    expect(row.cells[columns.indexOf("claude-sonnet-4")]).toMatchObject({ v: 1, o: true });
  });

  // Worked by hand from apps.ts / models.ts / rules.ts.
  describe("research paper reader (streaming, vision, 128k context)", () => {
    const check = (targetKey: string) => api.pages.check({ pageId: pageIds.finder, sourceKey: "research-paper-reader", targetKey, draft: false });
    const feature = (r: Awaited<ReturnType<typeof check>>, name: string) => r.features.find((f) => f.rule?.name === name)!;

    it("fits GPT-4.1: streams, sees images, 1M context, nothing optional is asked", async () => {
      const r = await check("gpt-4.1");
      expect(r).toMatchObject({ verdict: 2, overridden: false, score: 1 });
      expect(r.features.every((f) => f.status === "pass")).toBe(true);
    });

    it("rejects DeepSeek-R1, a text-only model, and says why", async () => {
      const r = await check("deepseek-r1");
      expect(r.verdict).toBe(0);
      const vision = feature(r, "Image Input (Vision)");
      expect(vision.status).toBe("fail");
      expect(vision.explanation!.text).toContain("source.needsVision = true");
      expect(vision.explanation!.text).toContain("target.supportsVision = false");
      expect(feature(r, "Context Window").status).toBe("pass"); // 131,072 ≥ 128,000
    });

    it("calls Claude 3.5 Haiku partial: its image support is unknown, not failed", async () => {
      const r = await check("claude-3-5-haiku");
      expect(r.verdict).toBe(1);
      const vision = feature(r, "Image Input (Vision)");
      expect(vision.status).toBe("unknown");
      expect(vision.explanation!.vars).toContainEqual({ var: "target.supportsVision", value: null, missing: true });
    });
  });

  it("applies the EU legal reviewer × Claude Sonnet 4 override over a computed incompatibility", async () => {
    const r = await api.pages.check({ pageId: pageIds.matrix, sourceKey: "eu-legal-reviewer", targetKey: "claude-sonnet-4", draft: false });
    expect(r).toMatchObject({ verdict: 1, computedVerdict: 0, overridden: true });
    expect(r.note).toMatch(/EU-region/);
  });

  it("does nothing the second time", async () => {
    const before = await counts(api);
    const again = await seedDemo(testDb());
    expect(again.created).toBe(false);
    expect(await counts(api)).toEqual(before);
  });

  it("finishes what a crashed run left: a missing page is rebuilt, datasets are reused", async () => {
    const before = await counts(api);
    await api.pages.delete({ id: pageIds.finder });
    const again = await seedDemo(testDb());
    expect(again.created).toBe(true);
    const after = await counts(api);
    expect(after.datasets).toEqual(before.datasets);
    expect(after.sourceDefinitions).toBe(before.sourceDefinitions);
    const finder = (await api.pages.list()).find((p) => p.slug === DEMO_PAGES.finder.slug)!;
    expect(finder.status).toBe("published");
    expect((await api.rules.list({ pageId: finder.id })).length).toBe(RULES.length);
  });
});
