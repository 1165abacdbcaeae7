import { describe, expect, it } from "vitest";
import { errorOf } from "~/test/trpc-errors";
import { createTestOrg, publicCaller } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";

/**
 * "As of" (docs/changes.md): `revision` on the public reads shows a past published revision — its
 * rules and settings, on the datasets it names — read-only, and says which revision is live.
 */
describe("a public page as of a past revision", () => {
  it("answers revision 1's verdicts after revision 2 flipped them, labelled with the live revision; the live page is unchanged", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { slug: "as-of", rules: false });
    const rule = await org.caller.rules.create({ pageId: page.id, name: "Everything fits", required: true, weight: 1, logic: { "==": [1, 1] } });
    await org.caller.pages.publish({ pageId: page.id });
    await org.caller.rules.update({ id: rule.id, logic: { "==": [1, 2] } });
    await org.caller.pages.publish({ pageId: page.id });
    const visitor = publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });

    const live = await visitor.public.result({ slug: "as-of", path: ["web"] });
    const past = await visitor.public.result({ slug: "as-of", path: ["web"], revision: 1 });
    expect(live.targets.length).toBeGreaterThan(0);
    expect(live.targets.every((t) => t.verdict === 0)).toBe(true);
    expect(past.targets.map((t) => t.key).sort()).toEqual(live.targets.map((t) => t.key).sort());
    expect(past.targets.every((t) => t.verdict === 2)).toBe(true);
    // Asking for the live revision by number is the live page.
    expect(await visitor.public.result({ slug: "as-of", path: ["web"], revision: 2 })).toEqual(live);

    const info = await visitor.public.page({ slug: "as-of", revision: 1 });
    expect([info.revision, info.liveRevision]).toEqual([1, 2]);
    expect(info.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const liveInfo = await visitor.public.page({ slug: "as-of" });
    expect([liveInfo.revision, liveInfo.liveRevision]).toEqual([2, 2]);

    const matrix = await visitor.public.matrix({ slug: "as-of", revision: 1 });
    expect(matrix.rows.flatMap((r) => r.cells.map((c) => c.v)).every((v) => v === 2)).toBe(true);
    const options = await visitor.public.options({ slug: "as-of", level: 0, path: [], revision: 1 });
    expect(options.values.map((v) => v.value)).toContain("web");
  });

  it("refuses a revision that was never published, with no internal id in the message", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { slug: "as-of-missing" });
    await org.caller.pages.publish({ pageId: page.id });
    const visitor = publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });
    const err = await errorOf(visitor.public.result({ slug: "as-of-missing", path: ["web"], revision: 7 }));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toBe("Revision 7 of page as-of-missing not found");
  });
});
