import { describe, expect, it } from "vitest";
import { compileRuleSet, evaluateSelection, parseDevicePolicy, type OverrideSpec, type RuleSpec, type SourceRecord, type TargetRecord } from "./index";
import { allModels, apps, messaging, models, specRules } from "./llm-example.test-support";

const compiled = compileRuleSet(specRules);

function finder(opts: { sources?: SourceRecord[]; targets?: TargetRecord[]; overrides?: OverrideSpec[]; policy?: object; aggregate?: "worst" | "best"; page?: number; rules?: RuleSpec[] } = {}) {
  return evaluateSelection({
    compiled: opts.rules ? compileRuleSet(opts.rules) : compiled,
    overrides: opts.overrides ?? [],
    sources: opts.sources ?? [apps.chatWeb],
    targets: opts.targets ?? allModels,
    selectionPolicy: { aggregate: opts.aggregate ?? "worst" },
    devicePolicy: parseDevicePolicy(opts.policy ?? {}),
    messaging,
    page: opts.page ?? 1,
  });
}

const keys = (r: ReturnType<typeof finder>) => r.targets.map((t) => t.key);

describe("overrides", () => {
  const pairOverride: OverrideSpec = { sourceKey: "chat-web", targetKey: "claude-3-5-sonnet", verdict: 2, note: "via the gateway" };
  const sourceWide: OverrideSpec = { sourceKey: "chat-web", targetKey: null, verdict: 1, note: "beta app" };
  const targetWide: OverrideSpec = { sourceKey: null, targetKey: "claude-3-5-sonnet", verdict: 0, note: "retired" };
  const claude = (overrides: OverrideSpec[]) => finder({ overrides }).targets.find((t) => t.key === "claude-3-5-sonnet")!;

  it("replace the computed verdict and carry the note, keeping the full breakdown", () => {
    const t = claude([pairOverride]);
    expect(t).toMatchObject({ verdict: 2, computedVerdict: 0, overridden: true, note: "via the gateway" });
    expect(t.features.find((f) => f.ruleId === "openai")?.status).toBe("fail");
  });

  it("an exact pair beats a source-wide override, which beats a target-wide one", () => {
    expect(claude([targetWide, sourceWide, pairOverride]).note).toBe("via the gateway");
    expect(claude([targetWide, sourceWide])).toMatchObject({ verdict: 1, note: "beta app" });
    expect(claude([targetWide])).toMatchObject({ verdict: 0, note: "retired", overridden: true });
  });

  it("a source-wide override applies to every target of that source only", () => {
    const r = finder({ overrides: [sourceWide] });
    expect(r.targets.every((t) => t.verdict === 1 && t.overridden)).toBe(true);
    expect(finder({ sources: [apps.batchBackend], overrides: [sourceWide] }).targets.some((t) => t.overridden)).toBe(false);
  });

  it("counts and the overall verdict use overridden verdicts", () => {
    const r = finder({ overrides: [{ sourceKey: "chat-web", targetKey: "gpt-4o", verdict: 0, note: null }] });
    expect(r.counts).toEqual({ compatible: 0, partial: 2, incompatible: 3, total: 5 });
    expect(r.verdict).toBe(1);
    expect(r.headline).toBe(messaging.headline1);
  });
});

describe("device policy: filtering, sorting, grouping, paging", () => {
  it("hideIncompatible drops verdict-0 targets from the list but not from the counts", () => {
    const r = finder({ policy: { hideIncompatible: true } });
    expect(keys(r)).toEqual(["gpt-4o", "mystery", "gpt-3.5-instruct"]);
    expect(r.totalTargets).toBe(3);
    expect(r.counts.total).toBe(5);
  });

  it("sort by score puts score before verdict", () => {
    const r = finder({ policy: { sort: "score" } });
    // scores: gpt-4o 1 (v2), mystery 1 (v1), claude 1 (v0), o1 1 (v0), gpt-3.5 0 (v1)
    expect(keys(r)).toEqual(["gpt-4o", "mystery", "claude-3-5-sonnet", "o1-batch", "gpt-3.5-instruct"]);
  });

  it("sort by label is alphabetical, case-insensitive", () => {
    expect(finder({ policy: { sort: "label" } }).targets.map((t) => t.label)).toEqual([
      "Claude 3.5 Sonnet",
      "GPT-3.5 Instruct",
      "GPT-4o",
      "Mystery model",
      "o1 batch",
    ]);
  });

  it("groupBy orders by group name first and reports each target's group", () => {
    const r = finder({ policy: { groupBy: "provider" } });
    expect(r.targets.map((t) => [t.group, t.key])).toEqual([
      ["anthropic", "claude-3-5-sonnet"],
      ["openai", "gpt-4o"],
      ["openai", "mystery"],
      ["openai", "gpt-3.5-instruct"],
      ["openai", "o1-batch"],
    ]);
  });

  it("pages are 1-based slices of the sorted list; out-of-range pages are clamped", () => {
    const p1 = finder({ policy: { pageSize: 2 }, page: 1 });
    const p3 = finder({ policy: { pageSize: 2 }, page: 3 });
    expect([p1.totalPages, p1.pageSize, keys(p1)]).toEqual([3, 2, ["gpt-4o", "mystery"]]);
    expect(keys(p3)).toEqual(["o1-batch"]);
    expect(finder({ policy: { pageSize: 2 }, page: 99 }).page).toBe(3);
    expect(finder({ policy: { pageSize: 2 }, page: 0 }).page).toBe(1);
  });

  it("paging is stable over many equal targets (ties broken by label then key)", () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ ...models.gpt4o, key: `m${i}`, label: `Model ${i}` }));
    const pages = [1, 2, 3].map((page) => keys(finder({ targets: many, policy: { pageSize: 50 }, page })));
    expect(pages.flat()).toEqual(Array.from({ length: 130 }, (_, i) => `m${i}`));
  });
});

describe("aggregation over several matched sources", () => {
  const both = [apps.chatWeb, apps.batchBackend];

  it("worst shows each target's lowest verdict and names the source it came from", () => {
    const t = finder({ sources: both }).targets.find((x) => x.key === "gpt-3.5-instruct")!;
    expect(t).toMatchObject({ verdict: 1, sourceKey: "chat-web" });
  });

  it("best shows each target's highest verdict", () => {
    const t = finder({ sources: both, aggregate: "best" }).targets.find((x) => x.key === "gpt-3.5-instruct")!;
    expect(t).toMatchObject({ verdict: 2, sourceKey: "batch-backend", score: 1 });
    expect(t.features.every((f) => f.status === "pass")).toBe(true);
  });

  it("ties on verdict go to the lower (worst) or higher (best) score", () => {
    const worst = finder({ sources: [apps.mobileLite, apps.chatWeb], targets: [models.mystery] }).targets[0]!;
    // mobile-lite × mystery: streaming unknown, tools unknown → 1 / 0; chat-web × mystery → 1 / 1.
    expect(worst).toMatchObject({ verdict: 1, score: 0, sourceKey: "mobile-lite" });
    const best = finder({ sources: [apps.mobileLite, apps.chatWeb], targets: [models.mystery], aggregate: "best" }).targets[0]!;
    expect(best).toMatchObject({ verdict: 1, score: 1, sourceKey: "chat-web" });
  });

  it("full ties keep the earlier source", () => {
    const r = finder({ sources: [apps.batchBackend, apps.chatWeb], targets: [models.claude] });
    expect(r.targets[0]!.sourceKey).toBe("batch-backend");
    expect(r.matchedSources).toBe(2);
  });
});

describe("edge cases", () => {
  it("no matched source gives an empty result with a null verdict", () => {
    const r = finder({ sources: [] });
    expect(r).toMatchObject({ verdict: null, headline: "", targets: [], totalTargets: 0, totalPages: 1, matchedSources: 0 });
    expect(r.counts.total).toBe(0);
  });

  it("no targets gives a null verdict", () => {
    expect(finder({ targets: [] }).verdict).toBeNull();
  });

  it("with no optional rules the score is 1", () => {
    const r = finder({ rules: specRules.filter((x) => x.required) });
    expect(r.targets.every((t) => t.score === 1)).toBe(true);
  });

  it("a rule that throws in json-logic-js fails (it does not crash the evaluation)", () => {
    const r = finder({ rules: [{ id: "boom", name: "boom", required: true, weight: 1, category: null, logic: { "*": [] } }] });
    expect(r.counts.incompatible).toBe(5);
    expect(r.targets[0]!.features[0]!.status).toBe("fail");
  });

  it("large target lists go through generated code and agree with small ones", () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...allModels[i % allModels.length]!, key: `k${i}` }));
    const big = finder({ targets: many, policy: { pageSize: 200 } });
    for (const t of big.targets) {
      const small = finder({ targets: [many[Number(t.key.slice(1))]!] }).targets[0]!;
      expect([t.verdict, t.score, t.features]).toEqual([small.verdict, small.score, small.features]);
    }
  });
});
