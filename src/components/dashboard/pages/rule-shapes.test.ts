import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { checkPair, compileRuleSet, parseDevicePolicy, validateRule } from "~/server/engine";
import { shapeOf, shapeToLogic, type RuleShape } from "./rule-shapes";

const shapes: RuleShape[] = [
  { kind: "needs", sourceField: "needsStreaming", targetField: "supportsStreaming" },
  { kind: "in-list", targetField: "provider", values: ["OpenAI", "Anthropic"] },
  { kind: "compare-fields", targetField: "contextWindow", op: ">=", sourceField: "minContext" },
  { kind: "compare-constant", targetField: "contextWindow", op: ">", value: 8000 },
  { kind: "provider", sourceField: "requiredProvider", targetField: "provider" },
  { kind: "overlap", sourceField: "regions", targetField: "regions" },
];

describe("rule builder shapes", () => {
  it.each(shapes)("$kind reads back from the logic it writes", (s) => {
    expect(shapeOf(shapeToLogic(s))).toEqual(s);
  });

  it("hand-written logic is not mistaken for a shape", () => {
    expect(shapeOf({ and: [true, true] })).toBeNull();
    expect(shapeOf({ ">=": [{ var: "source.a" }, 1] })).toBeNull();
  });

  it("'needs' passes when the source does not need the feature or the target has it", () => {
    const logic = shapeToLogic(shapes[0]!) as never;
    const run = (need: unknown, has: unknown) => jsonLogic.apply(logic, { source: { needsStreaming: need }, target: { supportsStreaming: has } });
    expect([run(true, true), run(true, false), run(false, false), run(null, false)]).toEqual([true, false, true, true]);
  });

  it("'provider' restricts only when the source names one", () => {
    const logic = shapeToLogic(shapes[4]!) as never;
    const run = (req: unknown, prov: string) => Boolean(jsonLogic.apply(logic, { source: { requiredProvider: req }, target: { provider: prov } }));
    expect([run("OpenAI", "OpenAI"), run("OpenAI", "Meta"), run(null, "Meta")]).toEqual([true, false, true]);
  });

  it("'overlap' passes when the target's values include one of the source's, lists or single values alike", () => {
    const logic = shapeToLogic(shapes[5]!) as never;
    const run = (src: unknown, tgt: unknown) => jsonLogic.apply(logic, { source: { regions: src }, target: { regions: tgt } });
    expect([run(["eu", "us"], ["apac", "us"]), run(["eu"], ["us", "apac"]), run("eu", ["us", "eu"]), run(["eu"], "eu"), run("eu", "us")]).toEqual([true, false, true, true, false]);
    // Missing data never counts as a match (the engine then reports the rule as unknown).
    expect([run(null, ["eu"]), run(["eu"], null), run(null, null), run([], ["eu"]), run(["eu", null], [null])]).toEqual([false, false, false, false, false]);
  });

  it("'overlap' is a valid rule for the page's schemas and evaluates the same in the engine", () => {
    const logic = shapeToLogic(shapes[5]!);
    const field = { name: "regions", type: "string" as const };
    expect(validateRule(logic, { source: { fields: [field] }, target: { fields: [field] } })).toEqual({ ok: true, vars: ["target.regions", "source.regions"] });
    const compiled = compileRuleSet([{ id: "r", name: "regions", required: true, weight: 1, category: null, logic }]);
    const pair = (src: unknown, tgt: unknown) =>
      checkPair({ compiled, overrides: [], source: { key: "s", label: "s", dims: {}, attrs: { regions: src } }, target: { key: "t", label: "t", attrs: { regions: tgt } }, devicePolicy: parseDevicePolicy({}) }).features[0]!.status;
    expect([pair(["eu", "us"], ["us"]), pair(["eu"], ["us"]), pair(null, ["us"])]).toEqual(["pass", "fail", "unknown"]);
  });
});
