import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";

describe("public Finder: the entry level and matrix columns", () => {
  it("after the dimensions, the last level lists the source rows by label, and picking one narrows the result to it", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { slug: "entry-level" });
    await org.caller.pages.publish({ pageId: page.id });
    const visitor = publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });

    const info = await visitor.public.page({ slug: "entry-level" });
    expect(info.entry).toEqual({ name: "name", label: "name" });

    const entries = await visitor.public.options({ slug: "entry-level", level: 1, path: ["web"] });
    expect(entries.entry).toBe(true);
    expect(entries.values).toEqual([{ value: "t3chat", label: "t3.chat", count: 1 }]);

    const narrowed = await visitor.public.result({ slug: "entry-level", path: ["web", "t3chat"] });
    expect(narrowed.matchedSources).toBe(1);
    await expect(visitor.public.options({ slug: "entry-level", level: 2, path: ["web", "t3chat"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("matrix slices carry the column labels in column order", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { slug: "matrix-labels", template: "matrix" });
    const slice = await org.caller.pages.matrix({ pageId: page.id, draft: true });
    expect(slice.targets.map((t) => t.key)).toEqual(slice.groups.flatMap((g) => g.targetKeys));
    expect(slice.targets.every((t) => typeof t.label === "string" && t.label.length > 0)).toBe(true);
    expect(slice.targets.some((t) => t.label !== t.key)).toBe(true);
  });
});
