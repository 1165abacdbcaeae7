import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller } from "~/test/helpers";
import { evaluationCounter } from "~/server/test-support";
import { seedExamplePage } from "../testing/fixtures";

describe("matrix", () => {
  it("groups columns by provider and pages rows", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org, { template: "matrix", slug: "grid" });
    const all = await org.caller.pages.matrix({ pageId: page.id });
    expect(all.groups.map((g) => g.name)).toEqual(["anthropic", "meta", "openai"]);
    expect(all.totalRows).toBe(3);
    expect(all.totalTargets).toBe(4);
    expect(all.rows.map((r) => r.key)).toEqual(["batch", "myapp", "t3chat"]);
    expect(all.nextRowOffset).toBeNull();

    const first = await org.caller.pages.matrix({ pageId: page.id, rowOffset: 0, rowLimit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.nextRowOffset).toBe(2);
    const second = await org.caller.pages.matrix({ pageId: page.id, rowOffset: 2, rowLimit: 2 });
    expect(second.rows.map((r) => r.key)).toEqual(["t3chat"]);
    expect(second.nextRowOffset).toBeNull();

    // t3chat × gpt41 is the one fully compatible cell of its row.
    const columns = all.groups.flatMap((g) => g.targetKeys);
    const t3 = all.rows.find((r) => r.key === "t3chat")!;
    expect(t3.cells[columns.indexOf("gpt41")]!.v).toBe(2);
    expect(t3.cells[columns.indexOf("llama33")]!.v).toBe(0);
    expect(t3.cells[columns.indexOf("llama33")]!.f.length).toBe(2);
  });

  it("public.matrix serves the published revision, cached per slice", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org, { template: "matrix", slug: "grid" });
    await org.caller.pages.publish({ pageId: page.id });
    const draft = await org.caller.pages.matrix({ pageId: page.id, rowLimit: 2 });
    const pub = publicCaller({ by: "slug", value: org.session.org.slug, basePath: "/p/grid" });
    const start = evaluationCounter.matrix;
    expect(await pub.public.matrix({ slug: "grid", rowLimit: 2 })).toEqual(draft);
    expect(await pub.public.matrix({ slug: "grid", rowLimit: 2 })).toEqual(draft);
    expect(evaluationCounter.matrix).toBe(start + 1);
    await pub.public.matrix({ slug: "grid", rowOffset: 2, rowLimit: 2 });
    expect(evaluationCounter.matrix).toBe(start + 2);
  });
});
