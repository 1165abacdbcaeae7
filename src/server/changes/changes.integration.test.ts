import { describe, expect, it } from "vitest";
import { createTestOrg } from "~/test/helpers";
import { reimport, seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";

const key = (p: { sourceKey: string; targetKey: string }) => `${p.sourceKey}→${p.targetKey}`;

describe("verdict diffs and the changelog", () => {
  it("a removed rule: the draft diff, then the publish entry name the pairs, from → to, and the rule", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules } = await seedExamplePage(org, { slug: "diff-rule" });
    const first = await org.caller.pages.publish({ pageId: page.id, note: "First version" });
    expect(first.verdicts).toEqual({ changed: 0, better: 0, worse: 0 });

    const openaiOnly = rules[2]!;
    await org.caller.rules.delete({ id: openaiOnly.id });
    const preview = await org.caller.pages.diff({ pageId: page.id, from: "live", to: "draft" });
    expect(preview).toMatchObject({ perPair: true, changed: 5, better: 5, worse: 0, from: { revision: 1 }, to: { revision: null } });
    expect(preview.pairs.map(key).sort()).toEqual(["batch→claude37", "batch→llama33", "myapp→claude37", "myapp→llama33", "t3chat→claude37"]);
    const claude = preview.pairs.find((p) => key(p) === "t3chat→claude37")!;
    expect(claude).toMatchObject({ from: 0, to: 2, reasons: [{ kind: "rule-removed", ruleId: String(openaiOnly.id), rule: openaiOnly.name }] });

    const second = await org.caller.pages.publish({ pageId: page.id, note: "Any provider now" });
    expect(second.verdicts).toEqual({ changed: 5, better: 5, worse: 0 });
    // Two revisions apart, both computed on today's data: the same five pairs.
    const between = await org.caller.pages.diff({ pageId: page.id, from: 1, to: 2 });
    expect(between.pairs.map(key).sort()).toEqual(preview.pairs.map(key).sort());

    const log = await org.caller.pages.changes({ pageId: page.id });
    expect(log.items.map((e) => [e.revision, e.cause, e.note, e.changed])).toEqual([
      [2, "publish", "Any provider now", 5],
      [1, "publish", "First version", 0],
    ]);
    expect(log.items[0]!.reasons).toEqual({ [`rule-removed:${openaiOnly.id}`]: 5 });
  });

  it("a target re-import: an entry with the target fields that changed, diffed against the data as it was", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, targetDatasetId } = await seedExamplePage(org, { slug: "diff-data" });
    await org.caller.pages.publish({ pageId: page.id });

    // GPT-4.1 mini gains tool calling; Llama loses its only row change that matters to nobody.
    const csv = targetCsv.replace("gpt41mini,GPT-4.1 mini,openai,true,false", "gpt41mini,GPT-4.1 mini,openai,true,true");
    expect(csv).not.toBe(targetCsv);
    await reimport(org.caller, "targets", targetDatasetId, csv);

    const log = await org.caller.pages.changes({ pageId: page.id });
    const entry = log.items[0]!;
    expect(entry).toMatchObject({ revision: 1, cause: "target-data", changed: 2, better: 2, worse: 0 });
    expect(entry.pairs.map(key).sort()).toEqual(["batch→gpt41mini", "t3chat→gpt41mini"]);
    for (const p of entry.pairs) {
      expect(p).toMatchObject({ from: 1, to: 2 });
      expect(p.reasons).toContainEqual({ kind: "target-data", fields: ["supportsToolCalling"] });
    }
    // The same file again changes nothing: no new entry.
    await reimport(org.caller, "targets", targetDatasetId, csv);
    expect((await org.caller.pages.changes({ pageId: page.id })).items).toHaveLength(2);
  });
});
