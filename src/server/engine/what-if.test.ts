import { describe, expect, it } from "vitest";
import { APPS, SOURCE_SCHEMA } from "~/server/demo/apps";
import { MODELS } from "~/server/demo/models";
import { RULES } from "~/server/demo/rules";
import { compileRuleSet } from "./compile";
import { checkPair } from "./evaluate";
import { parseDevicePolicy } from "./policy";
import type { SourceRecord, TargetRecord } from "./types";
import { applySourceChanges, compatibleAlternatives, whatIf } from "./what-if";

const specs = RULES.map((r, i) => ({ id: String(i + 1), name: r.name, required: r.required, weight: r.weight, category: r.category, logic: r.logic }));
const compiled = compileRuleSet(specs);
const logicById = new Map(specs.map((r) => [r.id, r.logic]));
const devicePolicy = parseDevicePolicy({});
const sources: SourceRecord[] = APPS.map(({ id, name, category, clientType, ...attrs }) => ({ key: id, label: name, dims: { category, clientType }, attrs }));
const targets: TargetRecord[] = MODELS.map((m) => ({ key: m.id, label: m.displayName, attrs: { ...m } }));
const source = (key: string) => sources.find((s) => s.key === key)!;
const target = (key: string) => targets.find((t) => t.key === key)!;
const run = (s: SourceRecord, t: TargetRecord) => whatIf({ compiled, overrides: [], source: s, target: t, devicePolicy, sourceFields: SOURCE_SCHEMA.fields, logicById });
const verdictOf = (s: SourceRecord, t: TargetRecord) => checkPair({ compiled, overrides: [], source: s, target: t, devicePolicy }).verdict;

describe("what would make it compatible", () => {
  it("flips a boolean need: the invoice extractor fits DeepSeek-V3 once structured outputs are not needed", () => {
    const s = source("invoice-extractor");
    const t = target("deepseek-v3");
    const r = run(s, t);
    expect(r.verdict).toBe(0);
    const fix = r.fixes.find((f) => f.ruleId === "3")!; // Structured Outputs
    expect(fix.change).toEqual({ field: "needsStructuredOutputs", from: true, to: false });
    expect(r.combined).not.toBeNull();
    // Exact: evaluating the pair again with the suggested changes gives that verdict.
    expect(verdictOf(applySourceChanges(s, r.combined!.changes), t)).toBe(r.combined!.verdictAfter);
  });

  it("finds the nearest number: a 200k-token app fits a 131,072-token model at exactly that need", () => {
    const s = source("repo-qa-portal"); // needs 200,000 tokens of context
    const t = target("deepseek-v3");
    const fix = run(s, t).fixes.find((f) => f.ruleId === "5")!;
    expect(fix.change).toEqual({ field: "minContextTokens", from: 200_000, to: 131_072 });
    expect(fix.verdictAfter).toBe(2);
  });

  it("lists required rules first and reports a rule no source change can flip", () => {
    const r = run(source("invoice-extractor"), target("claude-3-5-haiku"));
    expect(r.fixes[0]!.required).toBe(true);
    expect(r.fixes.every((f) => f.status !== "pass")).toBe(true);
  });

  it("checks every suggestion by re-evaluation across the demo (a fixed sample of pairs)", () => {
    let checked = 0;
    for (const s of sources.slice(0, 12)) {
      for (const t of targets.slice(0, 20)) {
        const r = run(s, t);
        for (const fix of r.fixes) {
          if (!fix.change) continue;
          expect(verdictOf(applySourceChanges(s, [fix.change]), t)).toBe(fix.verdictAfter);
          checked++;
        }
        if (r.combined) expect(verdictOf(applySourceChanges(s, r.combined.changes), t)).toBe(r.combined.verdictAfter);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("names the closest fully compatible alternatives in the same group", () => {
    const s = source("invoice-extractor");
    const alts = compatibleAlternatives({ compiled, overrides: [], source: s, targets, devicePolicy: parseDevicePolicy({ groupBy: "provider" }), exclude: target("claude-3-5-haiku") });
    expect(alts.length).toBeGreaterThan(0);
    for (const a of alts) {
      expect(target(a.key).attrs.provider).toBe("Anthropic");
      expect(verdictOf(s, target(a.key))).toBe(2);
    }
  });
});
