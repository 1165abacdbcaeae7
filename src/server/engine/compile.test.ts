import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { describe, expect, it } from "vitest";
import { anyData, outcome, pairContext, rule, sameValue } from "./arbitraries.test-support";
import { generateRule } from "./codegen";
import { compileRuleSet } from "./compile";
import { interpret } from "./interpret";
import { fold, parse } from "./ir";
import { TargetBatch } from "./batch";
import { referenceApply, truthy } from "./reference";

type Outcome = ReturnType<typeof outcome>;

function agree(ours: Outcome, reference: Outcome): boolean {
  if (ours.threw || reference.threw) return ours.threw === reference.threw;
  return sameValue(ours.value, reference.value) && truthy(ours.value) === truthy(reference.value);
}

const RUNS = 4000;
announceFuzz(import.meta.url);

describe("compiled rules agree with json-logic-js", { timeout: 120_000 }, () => {
  it("the generated function returns json-logic-js's value (or throws where it throws)", () => {
    fc.assert(
      fc.property(rule, anyData, (logic, ctx) => {
        const node = fold(parse(logic), {});
        return agree(outcome(() => generateRule(node)(ctx)), outcome(() => referenceApply(logic, ctx)));
      }),
      fuzz(RUNS),
    );
  });

  it("the interpreter returns json-logic-js's value", () => {
    fc.assert(
      fc.property(rule, anyData, (logic, ctx) => agree(outcome(() => interpret(parse(logic), ctx)), outcome(() => referenceApply(logic, ctx)))),
      fuzz(RUNS),
    );
  });

  it("folding the source into a rule changes nothing for any target", () => {
    fc.assert(
      fc.property(rule, pairContext, (logic, ctx) => {
        const folded = fold(parse(logic), { source: ctx.source });
        const reference = outcome(() => referenceApply(logic, ctx));
        return agree(outcome(() => generateRule(folded)(ctx)), reference) && agree(outcome(() => interpret(folded, ctx)), reference);
      }),
      fuzz(RUNS),
    );
  });

  for (const [guard, input] of [["auto", "contexts"], ["always", "contexts"], ["auto", "targets"]] as const) {
    it(`kernels (${guard === "auto" ? "unguarded where safe" : "all guarded"}, given ${input}) report each rule's truthiness for every target (a throw counts as falsy)`, () => {
      fc.assert(
        fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), pairContext, fc.array(pairContext, { minLength: 1, maxLength: 4 }), (logics, first, others) => {
          const compiled = compileRuleSet(logics.map((logic, i) => ({ id: `r${i}`, name: "r", required: false, weight: 1, category: null, logic })));
          const contexts = others.map((o) => ({ source: first.source, target: o.target }));
          const given = input === "contexts" ? { contexts } : { targets: contexts.map((c) => c.target) };
          const batch = new TargetBatch(compiled, given, { mode: "kernel", unknownRequired: "partial", guard });
          batch.run(first.source);
          return contexts.every((ctx, t) =>
            logics.every((l, r) => {
              const ref = outcome(() => referenceApply(l, ctx));
              return (batch.statusOf(t, r) === 1) === (!ref.threw && truthy(ref.value));
            }),
          );
        }),
        fuzz(RUNS / 4),
      );
    });
  }

  it("one folded source serves many targets", () => {
    fc.assert(
      fc.property(rule, pairContext, fc.array(pairContext, { minLength: 1, maxLength: 5 }), (logic, first, others) => {
        const folded = fold(parse(logic), { source: first.source });
        const fn = generateRule(folded);
        return others.every((o) => {
          const ctx = { source: first.source, target: o.target };
          return agree(outcome(() => fn(ctx)), outcome(() => referenceApply(logic, ctx)));
        });
      }),
      fuzz(RUNS / 2),
    );
  });
});

describe("json-logic-js quirks the compiler reproduces", () => {
  const ctx = { source: { key: "s", n: "5", list: ["a"], zero: 0 }, target: { key: "t", flag: false } };
  const cases: [string, unknown][] = [
    ["an empty array is falsy, so `and` stops at it", { and: [[], true] }],
    ["loose equality: 1 == '1'", { "==": [1, "1"] }],
    ["null == false is false", { "==": [null, false] }],
    ["a missing var is null, not undefined", { "===": [{ var: "target.nope" }, null] }],
    ["var default applies only when the value is absent", { var: ["target.flag", true] }],
    ["between with three arguments", { "<": [1, { var: "source.n" }, 10] }],
    ["+ parses strings", { "+": ["1", { var: "source.n" }] }],
    ["* with one argument returns it untouched", { "*": ["3"] }],
    ["- with one argument negates", { "-": { var: "source.n" } }],
    ["division by zero is Infinity", { "/": [1, { var: "source.zero" }] }],
    ["in on a string is a substring test", { in: ["pen", "openai"] }],
    ["in on an array uses strict equality", { in: [5, { var: "source.list" }] }],
    ["and returns the falsy operand", { and: [1, 0, 2] }],
    ["or of nothing is undefined", { or: [] }],
    ["if without else yields null", { if: [false, 1] }],
    ["substr with negative length trims from the end", { substr: ["openai", 1, -2] }],
    ["cat renders null as empty", { cat: ["a", null, [1, 2]] }],
    ["merge flattens one level", { merge: [[1, [2]], 3] }],
    ["min of nothing is Infinity", { min: [] }],
    ["missing lists absent and empty-string keys", { missing: ["source.n", "target.nope", "source.key"] }],
    ["missing_some returns [] when enough are present", { missing_some: [1, ["source.n", "target.nope"]] }],
  ];
  const rules = compileRuleSet(cases.map(([name, logic], i) => ({ id: String(i), name, required: true, weight: 1, category: null, logic })));
  for (const [i, [name, logic]] of cases.entries()) {
    it(name, () => {
      const expected = referenceApply(logic, ctx);
      expect(sameValue(rules.rules[i]!.evaluate(ctx), expected)).toBe(true);
    });
  }

  it("`* of nothing` throws in both", () => {
    expect(() => referenceApply({ "*": [] }, ctx)).toThrow();
    expect(() => compileRuleSet([{ id: "x", name: "x", required: true, weight: 1, category: null, logic: { "*": [] } }]).rules[0]!.evaluate(ctx)).toThrow();
  });
});

describe("the size bound", () => {
  const doubling = (op: "cat" | "merge", init: unknown) => ({ reduce: [{ var: "target.list" }, { [op]: [{ var: "accumulator" }, { var: "accumulator" }] }, init] });
  const ctx = { source: {}, target: { list: Array.from({ length: 40 }, (_, i) => i) } };

  it("a reduce that doubles its accumulator stops at a million units instead of exhausting memory: the rule does not pass", () => {
    for (const logic of [doubling("cat", "x"), doubling("merge", [1])]) {
      expect(() => generateRule(parse(logic))(ctx)).toThrow(RangeError);
      expect(() => interpret(parse(logic), ctx)).toThrow(RangeError);
      const compiled = compileRuleSet([{ id: "r", name: "r", required: true, weight: 1, category: null, logic }]);
      const batch = new TargetBatch(compiled, { contexts: [ctx] }, { mode: "kernel", unknownRequired: "partial" });
      batch.run(ctx.source);
      expect(batch.statusOf(0, 0)).toBe(0);
    }
  });

  it("below the bound the answers are json-logic-js's", () => {
    const small = { source: {}, target: { list: [1, 2, 3] } };
    expect(generateRule(parse(doubling("cat", "x")))(small)).toBe(referenceApply(doubling("cat", "x"), small));
    expect(interpret(parse(doubling("merge", [1])), small)).toEqual(referenceApply(doubling("merge", [1]), small));
  });
});

describe("kernels read target fields as columns", () => {
  it("a default applies where a step of the path meets null or the field is absent, not to a stored null (json-logic-js's var)", () => {
    const logic = { "==": [{ var: ["target.a.b", 5] }, 5] };
    const targets = [{ a: null }, {}, { a: { b: null } }, { a: { b: 5 } }, { a: "text" }, { a: { b: undefined } }];
    const compiled = compileRuleSet([{ id: "r", name: "r", required: true, weight: 1, category: null, logic }]);
    const batch = new TargetBatch(compiled, { targets }, { mode: "kernel", unknownRequired: "partial" });
    batch.run({});
    const passes = targets.map((_, i) => batch.statusOf(i, 0) === 1);
    expect(passes).toEqual(targets.map((target) => truthy(referenceApply(logic, { source: {}, target }))));
    expect(passes).toEqual([true, true, false, true, true, true]);
  });
});
