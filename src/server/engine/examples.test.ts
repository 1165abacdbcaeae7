import { describe, expect, it } from "vitest";
import { checkPair, compileRuleSet, evaluateSelection, parseDevicePolicy, parseSelectionPolicy, type SourceRecord, type TargetRecord } from "./index";
import { allModels, apps, finderPolicy, messaging, models, specRules } from "./llm-example.test-support";

/** The spec's three rules on a few apps and models, with verdicts worked out by hand. */
const compiled = compileRuleSet(specRules);

function pair(source: SourceRecord, target: TargetRecord, devicePolicy = finderPolicy) {
  return checkPair({ compiled, overrides: [], source, target, devicePolicy });
}

function statuses(source: SourceRecord, target: TargetRecord) {
  return Object.fromEntries(pair(source, target).features.map((f) => [f.ruleId, f.status]));
}

describe("the spec's LLM example, pair by pair", () => {
  it("an app needing streaming and tools is fully compatible with an OpenAI model that has both", () => {
    expect(pair(apps.chatWeb, models.gpt4o)).toMatchObject({ verdict: 2, score: 1 });
    expect(statuses(apps.chatWeb, models.gpt4o)).toEqual({ streaming: "pass", tools: "pass", openai: "pass" });
  });

  it("a missing optional capability makes the pair partial and costs its weight in the score", () => {
    expect(pair(apps.chatWeb, models.gpt35)).toMatchObject({ verdict: 1, score: 0 });
    expect(statuses(apps.chatWeb, models.gpt35)).toEqual({ streaming: "pass", tools: "fail", openai: "pass" });
  });

  it("a failing required rule (no streaming) makes the pair incompatible whatever the score", () => {
    expect(pair(apps.chatWeb, models.o1batch)).toMatchObject({ verdict: 0, score: 1 });
    expect(statuses(apps.chatWeb, models.o1batch).streaming).toBe("fail");
  });

  it("the provider restriction rules out a non-OpenAI model", () => {
    expect(pair(apps.chatWeb, models.claude)).toMatchObject({ verdict: 0 });
    expect(statuses(apps.chatWeb, models.claude)).toEqual({ streaming: "pass", tools: "pass", openai: "fail" });
  });

  it("an unrecorded target capability makes a required rule unknown: partial, not incompatible", () => {
    expect(pair(apps.chatWeb, models.mystery)).toMatchObject({ verdict: 1, score: 1 });
    expect(statuses(apps.chatWeb, models.mystery).streaming).toBe("unknown");
  });

  it("the unknownRequired policy can make that pair incompatible instead", () => {
    const strict = parseDevicePolicy({ unknownRequired: "incompatible" });
    expect(pair(apps.chatWeb, models.mystery, strict)).toMatchObject({ verdict: 0, computedVerdict: 0 });
  });

  it("an app needing nothing is compatible with every OpenAI model, even one with gaps in its data", () => {
    for (const m of [models.gpt4o, models.gpt35, models.o1batch, models.mystery]) expect(pair(apps.batchBackend, m).verdict).toBe(2);
    expect(pair(apps.batchBackend, models.claude).verdict).toBe(0);
  });

  it("an unfilled source field makes the optional rule unknown: at most partial, score without it", () => {
    expect(pair(apps.mobileLite, models.gpt4o)).toMatchObject({ verdict: 1, score: 0 });
    expect(statuses(apps.mobileLite, models.gpt4o)).toEqual({ streaming: "pass", tools: "unknown", openai: "pass" });
  });
});

describe("explanations", () => {
  it("a failed feature shows the values of the vars it read", () => {
    const tools = pair(apps.chatWeb, models.gpt35).features.find((f) => f.ruleId === "tools")!;
    expect(tools.explanation).toEqual({
      vars: [
        { var: "source.needsToolCalling", value: true, missing: false },
        { var: "target.supportsToolCalling", value: false, missing: false },
      ],
      text: "source.needsToolCalling = true, target.supportsToolCalling = false",
    });
  });

  it("missing values read as `missing`", () => {
    const streaming = pair(apps.chatWeb, models.mystery).features.find((f) => f.ruleId === "streaming")!;
    expect(streaming.explanation?.text).toBe("source.needsStreaming = true, target.supportsStreaming = missing");
    expect(streaming.explanation?.vars[1]).toEqual({ var: "target.supportsStreaming", value: null, missing: true });
  });

  it("strings are quoted", () => {
    const openai = pair(apps.chatWeb, models.claude).features.find((f) => f.ruleId === "openai")!;
    expect(openai.explanation?.text).toBe('target.provider = "anthropic"');
  });

  it("a passing feature has no explanation", () => {
    expect(pair(apps.chatWeb, models.gpt4o).features.every((f) => f.explanation === null)).toBe(true);
  });
});

describe("the Finder result for one app", () => {
  const result = evaluateSelection({
    compiled,
    overrides: [],
    sources: [apps.chatWeb],
    targets: allModels,
    selectionPolicy: parseSelectionPolicy({}),
    devicePolicy: finderPolicy,
    messaging,
    page: 1,
  });

  it("counts every verdict and headlines the best one", () => {
    expect(result.counts).toEqual({ compatible: 1, partial: 2, incompatible: 2, total: 5 });
    expect(result.verdict).toBe(2);
    expect(result.headline).toBe(messaging.headline2);
    expect(result.matchedSources).toBe(1);
  });

  it("lists targets by verdict, then score, then label", () => {
    expect(result.targets.map((t) => t.key)).toEqual(["gpt-4o", "mystery", "gpt-3.5-instruct", "claude-3-5-sonnet", "o1-batch"]);
  });

  it("lists the features in rule order", () => {
    expect(result.features.map((f) => [f.id, f.required, f.weight])).toEqual([
      ["streaming", true, 1],
      ["tools", false, 2],
      ["openai", true, 1],
    ]);
  });
});
