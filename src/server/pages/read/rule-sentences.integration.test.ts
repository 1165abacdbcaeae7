import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller, type TestOrg } from "~/test/helpers";
import { errorOf } from "~/test/trpc-errors";
import { exampleRules, seedExamplePage } from "../testing/fixtures";

const visitor = (org: TestOrg, slug: string) => publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${slug}` });

// The worked example's streaming rule, with its own sentence when not met (docs/plain-language.md).
const streaming = { ...exampleRules[0]!, sentences: { fail: "  {target} can't stream, which <b>{source}</b> needs  " } };

async function pageWithOwnSentence(org: TestOrg) {
  const { page } = await seedExamplePage(org, { rules: false });
  const rule = await org.caller.rules.create({ pageId: page.id, ...streaming });
  return { page, rule };
}

describe("a rule's own sentences", () => {
  it("are stored trimmed and used by the published breakdown, what-if and the features list", async () => {
    const org = await createTestOrg();
    const { page, rule } = await pageWithOwnSentence(org);
    expect(rule.sentences).toEqual({ fail: "{target} can't stream, which <b>{source}</b> needs" });
    await org.caller.pages.publish({ pageId: page.id });
    const pub = visitor(org, "llm-finder");

    const result = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    const llama = result.targets.find((t) => t.key === "llama33")!;
    // Labels go in as text; markup in the template stays text (React renders it, never as HTML).
    expect(llama.features[0]!.sentence).toBe("Llama 3.3 can't stream, which <b>t3.chat</b> needs");
    expect(result.features[0]!.sentences).toEqual({ fail: "{target} can't stream, which <b>{source}</b> needs" });

    const whatIf = await pub.public.whatIf({ slug: "llm-finder", sourceKey: "t3chat", targetKey: "llama33" });
    expect(whatIf.features[0]!.sentence).toBe("Llama 3.3 can't stream, which <b>t3.chat</b> needs");
  });

  it("the published revision keeps its sentence until the next publish; clearing it falls back to the generated one", async () => {
    const org = await createTestOrg();
    const { page, rule } = await pageWithOwnSentence(org);
    await org.caller.pages.publish({ pageId: page.id });
    await org.caller.rules.update({ id: rule.id, sentences: null });
    const preview = await org.caller.pages.publishPreview({ pageId: page.id });
    expect(preview.rules.changed).toEqual([{ id: rule.id, name: rule.name, fields: ["sentences"] }]);

    const pub = visitor(org, "llm-finder");
    const before = await pub.public.result({ slug: "llm-finder", path: ["web"] });
    expect(before.targets.find((t) => t.key === "llama33")!.features[0]!.sentence).toBe("Llama 3.3 can't stream, which <b>t3.chat</b> needs");

    const draft = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    const generated = draft.targets.find((t) => t.key === "llama33")!.features[0]!.sentence;
    expect(generated).not.toContain("can't stream");
    expect(draft.features[0]).not.toHaveProperty("sentences");
  });

  it("refuses a sentence over 300 characters with a clear error naming the field", async () => {
    const org = await createTestOrg();
    const { page, rule } = await pageWithOwnSentence(org);
    const err = await errorOf(org.caller.rules.update({ id: rule.id, sentences: { unknown: "x".repeat(301) } }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toContain("at most 300 characters; this one has 301");
    expect(err.message).toMatch(/"sentences",\s*"unknown"/);
    const unchanged = await org.caller.rules.list({ pageId: page.id });
    expect(unchanged[0]!.sentences).toEqual(rule.sentences);
    // Exactly 300 after trimming is fine.
    const ok = await org.caller.rules.update({ id: rule.id, sentences: { unknown: ` ${"y".repeat(300)} ` } });
    expect(ok.sentences).toEqual({ unknown: "y".repeat(300) });
  });
});
