import { describe, expect, it } from "vitest";
import { createTestOrg } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";

describe("publish preview", () => {
  it("before the first publish, everything is new; right after publishing, nothing changes", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules } = await seedExamplePage(org, { slug: "preview" });
    const first = await org.caller.pages.publishPreview({ pageId: page.id });
    expect(first).toMatchObject({ comparedWith: null, changed: true });
    expect(first.rules.added.map((r) => r.id)).toEqual(rules.map((r) => r.id));

    await org.caller.pages.publish({ pageId: page.id });
    const none = await org.caller.pages.publishPreview({ pageId: page.id });
    expect(none).toMatchObject({ comparedWith: 1, changed: false, settings: [] });
  });

  it("warns before publishing a page without rules (every pair would read as compatible)", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page: withRules } = await seedExamplePage(org, { slug: "has-rules" });
    expect((await org.caller.pages.publishPreview({ pageId: withRules.id })).warnings).toEqual([]);

    const { page } = await seedExamplePage(org, { slug: "no-rules", rules: false });
    const preview = await org.caller.pages.publishPreview({ pageId: page.id });
    expect(preview.warnings).toEqual(["This page has no rules: every pair would be shown as fully compatible. Add rules (or copy them from another page) before publishing."]);
    // It is what the engine would publish: every pair compatible.
    const result = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    expect(result.counts.compatible).toBe(result.counts.total);

    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: null, verdict: 0, note: "no" });
    expect((await org.caller.pages.publishPreview({ pageId: page.id })).warnings).toEqual(["This page has no rules: every pair without an override would be shown as fully compatible."]);
    await org.caller.rules.create({ pageId: page.id, name: "OpenAI", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "openai"] } });
    expect((await org.caller.pages.publishPreview({ pageId: page.id })).warnings).toEqual([]);
  });

  it("names each rule, override and setting the draft changed since the live revision", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules } = await seedExamplePage(org, { slug: "preview-diff" });
    await org.caller.pages.publish({ pageId: page.id });

    const [streaming, toolCalling, openaiOnly] = rules;
    await org.caller.rules.update({ id: streaming!.id, logic: { "==": [{ var: "target.supportsStreaming" }, true] } });
    await org.caller.rules.update({ id: toolCalling!.id, weight: 5 });
    await org.caller.rules.delete({ id: openaiOnly!.id });
    const added = await org.caller.rules.create({ pageId: page.id, name: "Has max tokens", required: false, weight: 1, logic: { ">": [{ var: "target.maxTokens" }, 0] } });
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: null, verdict: 2, note: "vetted" });
    await org.caller.pages.update({ id: page.id, messaging: { headline2: "Yes!", headline1: "Maybe", headline0: "No" } });

    const diff = await org.caller.pages.publishPreview({ pageId: page.id });
    expect(diff.comparedWith).toBe(1);
    expect(diff.changed).toBe(true);
    expect(diff.rules.added).toEqual([{ id: added.id, name: "Has max tokens" }]);
    expect(diff.rules.removed).toEqual([{ id: openaiOnly!.id, name: openaiOnly!.name }]);
    expect(diff.rules.changed).toEqual([
      { id: streaming!.id, name: streaming!.name, fields: ["logic"] },
      { id: toolCalling!.id, name: toolCalling!.name, fields: ["weight"] },
    ]);
    expect(diff.overrides.added).toEqual([{ sourceKey: "t3chat", targetKey: null, verdict: 2, note: "vetted" }]);
    expect(diff.settings).toEqual(["messaging"]);
  });
});
