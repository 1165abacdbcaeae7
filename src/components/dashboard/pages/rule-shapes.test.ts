import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { shapeOf, shapeToLogic, type RuleShape } from "./rule-shapes";

const shapes: RuleShape[] = [
  { kind: "needs", sourceField: "needsStreaming", targetField: "supportsStreaming" },
  { kind: "in-list", targetField: "provider", values: ["OpenAI", "Anthropic"] },
  { kind: "compare-fields", targetField: "contextWindow", op: ">=", sourceField: "minContext" },
  { kind: "compare-constant", targetField: "contextWindow", op: ">", value: 8000 },
  { kind: "provider", sourceField: "requiredProvider", targetField: "provider" },
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
});
