import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outcome, sameValue } from "./arbitraries.test-support";
import { generateRule } from "./codegen";
import { compileRuleSet } from "./compile";
import { interpret } from "./interpret";
import { fold, parse } from "./ir";
import type { EvaluationMode } from "./batch";
import { PairEvaluator } from "./pair";
import { referenceApply, truthy } from "./reference";
import { STATUS } from "./status";
import { validateRule } from "./validate";

/**
 * The JsonLogic shared test suite (testdata/README.md: source and licence) through every
 * evaluation mode: each answer must equal json-logic-js's, which must equal the suite's.
 */
interface Case {
  description: string;
  rule: unknown;
  data?: unknown;
  result: unknown;
}

const file: unknown[] = JSON.parse(readFileSync(new URL("./testdata/json-logic-compatible.json", import.meta.url), "utf8"));
const cases = file.filter((x): x is Case => typeof x === "object" && x !== null);
const sourceOf = (data: unknown) => (data === null || data === undefined ? undefined : (data as { source?: unknown }).source);

const valueModes: [string, (c: Case) => unknown][] = [
  ["generated code", (c) => generateRule(fold(parse(c.rule), {}))(c.data)],
  ["interpreter", (c) => interpret(parse(c.rule), c.data)],
  ["generated code, data's source folded in", (c) => generateRule(fold(parse(c.rule), { source: sourceOf(c.data) as Record<string, unknown> }))(c.data)],
  ["interpreter, data's source folded in", (c) => interpret(fold(parse(c.rule), { source: sourceOf(c.data) as Record<string, unknown> }), c.data)],
];

const statusModes: [string, EvaluationMode, "auto" | "always"][] = [
  ["kernel", "kernel", "auto"],
  ["guarded kernel", "kernel", "always"],
  ["interpreted statuses", "interpret", "auto"],
];

describe("the JsonLogic shared test suite (json-logic/compat-tables suites/compatible.json)", () => {
  it("has its 278 cases, and json-logic-js answers every one as the suite expects", () => {
    expect(cases).toHaveLength(278);
    for (const c of cases) expect(referenceApply(c.rule, c.data), c.description).toEqual(c.result);
  });

  for (const [name, run] of valueModes) {
    it(`${name}: every case gives json-logic-js's value`, () => {
      const wrong = cases.filter((c) => {
        const ours = outcome(() => run(c));
        return ours.threw || !sameValue(ours.value, referenceApply(c.rule, c.data));
      });
      expect(wrong.map((c) => `${c.description} with ${JSON.stringify(c.data)}`)).toEqual([]);
    });
  }

  for (const [name, mode, guard] of statusModes) {
    it(`${name}: every case passes exactly when json-logic-js's answer is truthy`, () => {
      const compiled = compileRuleSet(cases.map((c, i) => ({ id: `c${i}`, name: c.description, required: false, weight: 1, category: null, logic: c.rule })));
      const wrong = cases.filter((c, i) => {
        const one = { ...compiled, rules: [compiled.rules[i]!], features: [compiled.features[i]!] };
        const pe = new PairEvaluator(one, sourceOf(c.data), mode, "partial", guard);
        pe.run(c.data);
        return (pe.status[0] === STATUS.PASS) !== truthy(referenceApply(c.rule, c.data));
      });
      expect(wrong.map((c) => c.description)).toEqual([]);
    });
  }

  it("no case is refused for its operators by rule validation", () => {
    const schemas = { source: { fields: [] }, target: { fields: [] } };
    const refused = cases.flatMap((c) => {
      const r = validateRule(c.rule, schemas);
      return r.ok ? [] : r.errors.filter((e) => /not allowed|unknown operator/.test(e.message)).map((e) => `${c.description}: ${e.message}`);
    });
    expect(refused).toEqual([]);
  });

  it("null and undefined data are answered as json-logic-js answers them", () => {
    const rules = [{ var: "source.a" }, { var: "" }, { var: ["x", 1] }, { missing: ["a"] }, { some: [{ var: "a" }, true] }, { "==": [{ var: "target.k" }, null] }];
    for (const data of [null, undefined]) {
      for (const rule of rules) {
        expect(sameValue(generateRule(fold(parse(rule), {}))(data), referenceApply(rule, data)), JSON.stringify(rule)).toBe(true);
        const pe = new PairEvaluator(compileRuleSet([{ id: "r", name: "r", required: true, weight: 1, category: null, logic: rule }]), undefined, "kernel", "partial");
        pe.run(data);
        expect(pe.status[0] === STATUS.PASS).toBe(truthy(referenceApply(rule, data)));
      }
    }
  });
});
