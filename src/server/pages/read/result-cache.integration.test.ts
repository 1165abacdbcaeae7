import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller, testDb, type TestOrg } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";
import { finderSelectionHash, readThrough } from "./result-cache";

const visitor = (org: TestOrg) => publicCaller({ by: "slug", value: org.session.org.slug, basePath: "/p/llm-finder" });

describe("result cache", () => {
  it("a result computed before a publish and stored after it is never served for the new revision", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org);
    const { cache } = await pub.public.page({ slug: "llm-finder" });
    const id = { pageId: page.id, revisionId: cache.revisionId, sourceVersion: cache.sourceVersion, targetVersion: cache.targetVersion, kind: "finder" as const, selectionHash: finderSelectionHash(["web"]), page: 1 };

    // A visitor's miss computes revision 1; the admin adds a rule and publishes before the miss stores.
    const stale = await readThrough(testDb(), org.session.org.id, id, async () => {
      const computed = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
      await org.caller.rules.create({ pageId: page.id, name: "Anthropic only", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "anthropic"] } });
      await org.caller.pages.publish({ pageId: page.id });
      return computed;
    });

    const served = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(served.features.map((f) => f.name)).toContain("Anthropic only");
    expect(served).not.toEqual(stale);
    expect(served).toEqual(await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] }));
  });
});
