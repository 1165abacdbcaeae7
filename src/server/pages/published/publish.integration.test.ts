import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { optionIndex, pageRevisions, syncOutbox } from "~/server/db/schema";
import { createTestOrg, publicCaller, testDb, type TestOrg } from "~/test/helpers";
import { parseDeliveries } from "../../../../convex/lib/deliveries";
import { evaluationCounter } from "~/server/test-support";
import { reimport, seedExamplePage, sourceCsv, targetCsv } from "../testing/fixtures";
import { codeOf } from "~/test/trpc-errors";


const visitor = (org: TestOrg, slug: string) => publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${slug}` });

async function outboxKinds(orgId: string) {
  const rows = await testDb().select({ kind: syncOutbox.kind, payload: syncOutbox.payloadJson }).from(syncOutbox).where(eq(syncOutbox.organizationId, orgId)).orderBy(asc(syncOutbox.id));
  return rows;
}

describe("publish and the public read path", () => {
  it("public.result equals pages.evaluate on the draft at publish time", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const draft = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    const published = await org.caller.pages.publish({ pageId: page.id });
    expect(published.revision).toBe(1);

    const pub = visitor(org, "llm-finder");
    expect(await pub.public.result({ slug: "llm-finder", path: ["web"] })).toEqual(draft);
    expect(await org.caller.pages.evaluate({ pageId: page.id, path: ["web"], draft: false })).toEqual(draft);

    const info = await pub.public.page({ slug: "llm-finder" });
    expect(info).toMatchObject({
      name: "Which LLM works with my app?",
      template: "finder",
      dimensions: [{ name: "clientType", label: "clientType" }],
      messaging: { headline2: "{compatible} of {total} fully compatible" },
      revision: 1,
      minDepth: 1,
      orgName: org.session.org.name,
    });
    const options = await pub.public.options({ slug: "llm-finder", level: 0, path: [] });
    expect(options.values).toEqual([
      { value: "backend", count: 1 },
      { value: "desktop", count: 1 },
      { value: "web", count: 1 },
    ]);

    const outbox = await outboxKinds(org.session.org.id);
    const kinds = outbox.map((r) => r.kind);
    expect(kinds).toContain("page-display");
    expect(kinds).toContain("option-shards");
    expect(kinds).toContain("result-cache");
    // Every delivery is exactly what Convex's /sync accepts.
    const parsed = parseDeliveries({ deliveries: outbox.map((r, i) => ({ ...(r.payload as object), id: String(i + 1) })) });
    expect(parsed).toMatchObject({ ok: true });
  });

  it("sync.status counts the outbox and sync.rebuild re-enqueues display, options and cached results", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    expect(await codeOf(org.caller.sync.rebuild({ pageId: page.id }))).toBe("BAD_REQUEST");
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org, "llm-finder");
    await pub.public.result({ slug: "llm-finder", path: ["web"] });
    await pub.public.result({ slug: "llm-finder", path: ["desktop"] });
    const before = await org.caller.sync.status();
    // No Convex in tests: everything waits in the outbox.
    expect(before.pending).toBe((await outboxKinds(org.session.org.id)).length);
    expect(before.oldestPendingAt).toBeInstanceOf(Date);

    const rebuilt = await org.caller.sync.rebuild({ pageId: page.id });
    expect(rebuilt).toMatchObject({ revision: 1, optionSets: 1, results: 2, enqueued: 4 });
    expect((await org.caller.sync.status()).pending).toBe(before.pending + 4);
    expect(await codeOf(org.memberCaller.sync.status())).toBe("FORBIDDEN");
  });

  it("editing after publishing changes nothing publicly until the next publish", async () => {
    const org = await createTestOrg();
    const { page, rules } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org, "llm-finder");
    const before = await pub.public.result({ slug: "llm-finder", path: ["web"] });

    // Drop the OpenAI restriction and soften the messaging in the draft.
    await org.caller.rules.delete({ id: rules[2]!.id });
    await org.caller.pages.update({ id: page.id, messaging: { headline2: "Go for it" } });
    const draft = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    expect(draft.counts.compatible).toBe(2);
    expect(await pub.public.result({ slug: "llm-finder", path: ["web"] })).toEqual(before);
    expect((await pub.public.page({ slug: "llm-finder" })).messaging.headline2).toBe("{compatible} of {total} fully compatible");

    await org.caller.pages.publish({ pageId: page.id });
    const after = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(after).toEqual(draft);
    expect(after.headline).toBe("Go for it");
  });

  it("a cache hit does no evaluation", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org, "llm-finder");
    const start = evaluationCounter.finder;
    const first = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(evaluationCounter.finder).toBe(start + 1);
    const second = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    const third = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"], draft: false });
    expect(evaluationCounter.finder).toBe(start + 1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    // A different selection or page number is a different key.
    await pub.public.result({ slug: "llm-finder", path: ["desktop"] });
    expect(evaluationCounter.finder).toBe(start + 2);
  });

  it("a re-import moves the dataset version: fresh results and regenerated options", async () => {
    const org = await createTestOrg();
    const { page, sourceDatasetId, targetDatasetId } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org, "llm-finder");
    const before = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(before.counts.compatible).toBe(1);

    // gpt41mini gains tool calling: now fully compatible.
    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("gpt41mini,GPT-4.1 mini,openai,true,false", "gpt41mini,GPT-4.1 mini,openai,true,true"));
    const start = evaluationCounter.finder;
    const after = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(evaluationCounter.finder).toBe(start + 1);
    expect(after.counts.compatible).toBe(2);

    await reimport(org.caller, "sources", sourceDatasetId, `${sourceCsv}\nphone,Phone App,mobile,true,false`);
    // The import's dataset-changed hook already rebuilt the index for the new version.
    const { version } = await org.caller.sources.datasets.get({ id: sourceDatasetId });
    const built = await testDb()
      .select({ id: optionIndex.id })
      .from(optionIndex)
      .where(and(eq(optionIndex.organizationId, org.session.org.id), eq(optionIndex.pageId, page.id), eq(optionIndex.sourceVersion, version)));
    expect(built.length).toBeGreaterThan(0);
    const options = await pub.public.options({ slug: "llm-finder", level: 0, path: [] });
    expect(options.values.map((v) => v.value)).toEqual(["backend", "desktop", "mobile", "web"]);
    const displays = (await outboxKinds(org.session.org.id)).filter((r) => r.kind === "page-display");
    const last = displays.at(-1)!.payload as { data: { sourceVersion: number; targetVersion: number } };
    const info = await pub.public.page({ slug: "llm-finder" });
    expect(last.data).toMatchObject({ sourceVersion: info.cache.sourceVersion, targetVersion: info.cache.targetVersion });
  });

  it("concurrent publishes produce revisions 1..n without gaps or duplicates", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const results = await Promise.all(Array.from({ length: 6 }, () => org.caller.pages.publish({ pageId: page.id })));
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const stored = await testDb()
      .select({ number: pageRevisions.number })
      .from(pageRevisions)
      .where(and(eq(pageRevisions.organizationId, org.session.org.id), eq(pageRevisions.pageId, page.id)))
      .orderBy(asc(pageRevisions.number));
    expect(stored.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const detail = await org.caller.pages.get({ id: page.id });
    expect(detail.revision?.number).toBe(6);
    const revisions = await org.caller.pages.revisions({ pageId: page.id });
    expect(revisions.map((r) => r.number)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(revisions.filter((r) => r.current).map((r) => r.number)).toEqual([6]);
  });

  it("unpublished pages and other tenants' pages answer NOT_FOUND on every public procedure", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    await seedExamplePage(a, { slug: "draft-only" });
    const { page } = await seedExamplePage(b, { slug: "b-page" });
    await b.caller.pages.publish({ pageId: page.id });

    const probes = (caller: ReturnType<typeof visitor>, slug: string) => [
      () => caller.public.page({ slug }),
      () => caller.public.options({ slug, level: 0, path: [] }),
      () => caller.public.result({ slug, path: ["web"] }),
      () => caller.public.matrix({ slug }),
    ];
    for (const p of probes(visitor(a, "draft-only"), "draft-only")) expect(await codeOf(p())).toBe("NOT_FOUND");
    // b's published slug asked for under a's tenant.
    for (const p of probes(visitor(a, "b-page"), "b-page")) expect(await codeOf(p())).toBe("NOT_FOUND");
    // An unknown tenant, and no tenant at all.
    const ghost = publicCaller({ by: "slug", value: "no-such-org", basePath: "/p/b-page" });
    for (const p of probes(ghost, "b-page")) expect(await codeOf(p())).toBe("NOT_FOUND");
    for (const p of probes(publicCaller(null), "b-page")) expect(await codeOf(p())).toBe("NOT_FOUND");
    // b's own tenant sees it.
    await expect(visitor(b, "b-page").public.page({ slug: "b-page" })).resolves.toMatchObject({ revision: 1 });
  });

  it("minDepth: a shorter path answers no targets and asks for a deeper selection", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const short = await org.caller.pages.evaluate({ pageId: page.id, path: [] });
    expect(short).toMatchObject({ needsDeeperSelection: true, targets: [], totalTargets: 0, minDepth: 1 });
    await org.caller.pages.update({ id: page.id, selectionPolicy: { minDepth: 0 } });
    const all = await org.caller.pages.evaluate({ pageId: page.id, path: [] });
    expect(all.needsDeeperSelection).toBe(false);
    expect(all.matchedSources).toBe(3);
    // A path ending with a row key selects that row.
    const one = await org.caller.pages.evaluate({ pageId: page.id, path: ["web", "t3chat"] });
    expect(one.matchedSources).toBe(1);
  });
});
