import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { describe, expect, it } from "vitest";
import { outcome, pairContext, rule, ruleSets } from "./arbitraries.test-support";
import { compileRuleSet } from "./compile";
import { TargetBatch, type EvaluationMode } from "./batch";
import { PairEvaluator, verdictOf } from "./pair";
import { exactWeights } from "./tables";
import { STATUS } from "./status";

const { FAIL, PASS, UNKNOWN } = STATUS;
import { lookupPath, referenceApply, truthy } from "./reference";
import type { RuleSpec } from "./types";

const ruleSet = ruleSets();

announceFuzz(import.meta.url);

const modes: [string, EvaluationMode, "auto" | "always"][] = [
  ["kernel", "kernel", "auto"],
  ["guarded kernel", "kernel", "always"],
  ["interpret", "interpret", "auto"],
];

describe("per-pair statuses and verdicts (property tests)", { timeout: 120_000 }, () => {
  for (const [name, mode, guard] of modes) {
    it(`${name}: a rule passes exactly when json-logic-js answers truthy; otherwise it is unknown exactly when a var it reads is missing`, () => {
      fc.assert(
        fc.property(ruleSet, pairContext, fc.constantFrom("partial", "incompatible" as const), (rules, ctx, policy) => {
          const compiled = compileRuleSet(rules);
          const pe = new PairEvaluator(compiled, ctx.source, mode, policy as "partial" | "incompatible", guard);
          const verdict = pe.run(ctx);
          let requiredFail = 0, requiredUnknown = 0, notPassing = 0, passWeight = 0, optionalWeight = 0;
          compiled.rules.forEach((r, i) => {
            const ref = outcome(() => referenceApply(rules[i]!.logic, ctx));
            const passes = !ref.threw && truthy(ref.value);
            const missing = r.varProps.some((p) => lookupPath(ctx, p, null) === null);
            const expected = passes ? PASS : missing ? UNKNOWN : FAIL;
            expect(pe.status[i]).toBe(expected);
            if (!r.info.required) optionalWeight += r.info.weight;
            if (passes) passWeight += r.info.required ? 0 : r.info.weight;
            else {
              notPassing++;
              if (r.info.required && missing) requiredUnknown++;
              else if (r.info.required) requiredFail++;
            }
          });
          expect(verdict).toBe(verdictOf(requiredFail, requiredUnknown, notPassing, policy === "incompatible"));
          expect(pe.score).toBeCloseTo(optionalWeight > 0 ? passWeight / optionalWeight : 1, 12);
          expect(pe.unknown).toBe([...pe.status].includes(UNKNOWN));
        }),
        fuzz(1500),
      );
    });
  }

  it("invariants: a failing required rule gives 0, all passing gives 2, the score stays in [0, 1]", () => {
    fc.assert(
      fc.property(ruleSet, pairContext, (rules, ctx) => {
        const compiled = compileRuleSet(rules);
        const pe = new PairEvaluator(compiled, ctx.source, "kernel", "partial");
        const verdict = pe.run(ctx);
        const requiredFails = compiled.rules.some((r, i) => r.info.required && pe.status[i] === FAIL);
        if (requiredFails) expect(verdict).toBe(0);
        if (pe.status.every((s) => s === PASS)) expect(verdict).toBe(2);
        if (!requiredFails && !pe.status.every((s) => s === PASS)) expect(verdict).toBe(1);
        expect(pe.score).toBeGreaterThanOrEqual(0);
        expect(pe.score).toBeLessThanOrEqual(1);
      }),
      fuzz(2000),
    );
  });

  it("one evaluator gives each target the answer a fresh evaluator would", () => {
    fc.assert(
      fc.property(ruleSet, pairContext, fc.array(pairContext, { minLength: 2, maxLength: 5 }), (rules, first, others) => {
        const compiled = compileRuleSet(rules);
        const shared = new PairEvaluator(compiled, first.source, "kernel", "partial");
        for (const o of others) {
          const ctx = { source: first.source, target: o.target };
          const v = shared.run(ctx);
          const status = [...shared.status];
          const fresh = new PairEvaluator(compiled, first.source, "interpret", "partial");
          expect(fresh.run(ctx)).toBe(v);
          expect([...fresh.status]).toEqual(status);
        }
      }),
      fuzz(500),
    );
  });
});

describe("status tables (tables.ts): many targets sharing few values", { timeout: 120_000 }, () => {
  // The same object, or an equal copy (lists equal by content but not identity), per target.
  const sharedTargets = (pool: { target: unknown }[], picks: number[]) =>
    picks.map((k, i) => {
      const t = pool[k % pool.length]!.target;
      return i % 2 === 0 ? t : structuredClone(t);
    });

  /**
   * Runs `rules` for each source in turn, twice each, over the same targets (later runs reuse the
   * list's tables; a source may leave no rule for a table after one that used them), kernel
   * against interpreter, for both kinds of input; returns how many rules the tables answered.
   */
  function compareWithInterpreter(rules: RuleSpec[], sources: unknown[], targets: unknown[]): number {
    const compiled = compileRuleSet(rules);
    const contexts = targets.map((target) => ({ source: sources[0], target }));
    let tabled = 0;
    for (const input of [{ targets: targets as Record<string, unknown>[] }, { contexts }]) {
      const kernel = new TargetBatch(compiled, input, { mode: "kernel", unknownRequired: "partial" });
      const interpreted = new TargetBatch(compiled, input, { mode: "interpret", unknownRequired: "partial" });
      for (const source of sources) {
        for (const c of contexts) c.source = source;
        interpreted.run(source);
        for (let run = 0; run < 2; run++) {
          kernel.run(source);
          tabled += kernel.tableRuleCount;
          for (let i = 0; i < targets.length; i++) {
            for (let r = 0; r < rules.length; r++) expect(kernel.statusOf(i, r)).toBe(interpreted.statusOf(i, r));
            expect(kernel.verdict[i]).toBe(interpreted.verdict[i]);
            expect(kernel.score[i]).toBe(interpreted.score[i]);
            for (const total of ["unknown", "notPassing", "requiredUnknown", "requiredFail"] as const) expect(kernel.totals[total][i]).toBe(interpreted.totals[total][i]);
          }
        }
      }
    }
    return tabled;
  }

  it("rules answered per distinct tuple of their columns, merged into clusters, answer as the interpreter does for every target", () => {
    let tabled = 0;
    fc.assert(
      fc.property(ruleSet, fc.array(pairContext, { minLength: 1, maxLength: 3 }), fc.array(pairContext, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 64, maxLength: 96 }), (rules, runs, pool, picks) => {
        // The empty source settles many rules: runs that leave a table few or no rules.
        tabled += compareWithInterpreter(rules, [...runs.map((r) => r.source), {}], sharedTargets(pool, picks));
      }),
      fuzz(200),
    );
    // Not vacuous: the runs above did answer rules from tables.
    expect(tabled).toBeGreaterThan(100);
  });

  it("tables over many-valued columns (up to 48 codes over 96 targets) answer as the interpreter does too", () => {
    // Keyable values only (no objects), with many distinct ones: keys of up to 48 codes.
    const manyValued = fc.record({
      a: fc.integer({ min: -40, max: 40 }),
      b: fc.constantFrom("", "0", "1", "a", "b", "openai", "true", null),
      c: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
      n: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(null)),
    }, { requiredKeys: ["a"] });
    let tabled = 0;
    fc.assert(
      fc.property(ruleSet, pairContext, fc.uniqueArray(manyValued, { minLength: 40, maxLength: 48, selector: (t) => t.a }), (rules, first, pool) => {
        // Every pool target twice: as many distinct tuples as pool targets, within the distinct limit.
        const targets = pool.flatMap((t) => [t, structuredClone(t)]);
        tabled += compareWithInterpreter(rules, [first.source, {}], targets);
      }),
      fuzz(40),
    );
    expect(tabled).toBeGreaterThan(20);
  });

  it("a source that leaves no rule to a table, after one whose rules used tables, gets no counts of theirs", () => {
    const rules: RuleSpec[] = [
      { id: "streaming", name: "streaming", required: true, weight: 1, category: null, logic: { or: [{ "==": [{ var: "source.s" }, false] }, { "==": [{ var: "target.a" }, true] }] } },
      // One value per target: never a table.
      { id: "pinned", name: "pinned", required: false, weight: 2, category: null, logic: { "==": [{ var: "target.id" }, "t3"] } },
    ];
    const targets = Array.from({ length: 80 }, (_, i) => ({ id: `t${i}`, a: i % 2 === 0 }));
    expect(compareWithInterpreter(rules, [{ s: true }, { s: false }], targets)).toBeGreaterThan(0);
  });

  it("weights whose sums depend on their order (0.1, 0.2, 0.7) keep rule-by-rule sums: the score is the interpreter's to the last bit", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ logic: rule, required: fc.constant(false), weight: fc.constantFrom(0.1, 0.2, 0.7, 1 / 3) }), { minLength: 3, maxLength: 8 }), pairContext, fc.array(pairContext, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 64, maxLength: 80 }), (specs, first, pool, picks) => {
        const rules = specs.map((s, i): RuleSpec => ({ id: `r${i}`, name: `rule ${i}`, category: null, ...s }));
        expect(compareWithInterpreter(rules, [first.source], sharedTargets(pool, picks))).toBe(0);
      }),
      fuzz(150),
    );
  });

  it("exact in any order: multiples of 2^-10 are, 0.1 is not", () => {
    expect(exactWeights([1, 2, 0.5, 0.25, 3])).toBe(true);
    expect(exactWeights([1, 0.1])).toBe(false);
    expect(exactWeights([2 ** 50, 2 ** 50])).toBe(false);
  });

  it("values equal by SameValueZero or by text are still told apart: −0 from 0, [1] from [\"1\"], 1 from \"1\"", () => {
    const cases: [unknown, unknown[]][] = [
      [{ "<": [{ "/": [1, { var: "target.x" }] }, 0] }, [0, -0]],
      [{ in: ["1", { var: "target.x" }] }, [[1], ["1"]]],
      [{ in: [null, { var: "target.x" }] }, [[null], ["null"]]],
      [{ in: [{ var: "target.x" }, [1]] }, [1, "1"]],
    ];
    for (const [logic, values] of cases) {
      const targets = Array.from({ length: 80 }, (_, i) => ({ x: values[i % values.length] }));
      const compiled = compileRuleSet([{ id: "r", name: "r", required: true, weight: 1, category: null, logic }]);
      const batch = new TargetBatch(compiled, { targets }, { mode: "kernel", unknownRequired: "partial" });
      batch.run({});
      expect(batch.tableRuleCount).toBe(1);
      const expected = targets.map((target) => (truthy(referenceApply(logic, { source: {}, target })) ? PASS : FAIL));
      expect(targets.map((_, i) => batch.statusOf(i, 0))).toEqual(expected);
      expect(new Set(expected).size).toBe(2);
    }
  });
});

describe("verdictOf", () => {
  it("a failing required rule makes the verdict incompatible", () => expect(verdictOf(1, 0, 1, false)).toBe(0));
  it("an unknown required rule makes it at most partial", () => expect(verdictOf(0, 1, 1, false)).toBe(1));
  it("under the incompatible policy an unknown required rule makes it incompatible", () => expect(verdictOf(0, 1, 1, true)).toBe(0));
  it("all rules passing makes it fully compatible", () => expect(verdictOf(0, 0, 0, false)).toBe(2));
  it("only optional rules not passing makes it partial", () => expect(verdictOf(0, 0, 2, false)).toBe(1));
});

describe("kernels and exotic data", () => {
  it("a target whose data makes an operator throw does not pass that rule, and the targets after it are still evaluated", () => {
    const compiled = compileRuleSet([{ id: "r", name: "r", required: true, weight: 1, category: null, logic: { "==": [{ var: "target.a" }, "x"] } }]);
    // JSON can carry an own "toString" that is not a function: comparing such an object throws in json-logic-js too.
    const exotic = JSON.parse('{"toString": 1, "valueOf": 1}');
    const contexts = [{ a: "x" }, { a: exotic }, { a: "x" }, { a: "y" }].map((target) => ({ source: {}, target }));
    for (const ctx of contexts.slice(0, 2)) expect(outcome(() => referenceApply({ "==": [{ var: "target.a" }, "x"] }, ctx)).threw).toBe(ctx.target.a === exotic);
    const batch = new TargetBatch(compiled, { contexts }, { mode: "kernel", unknownRequired: "partial" });
    batch.run({});
    expect([0, 1, 2, 3].map((i) => batch.statusOf(i, 0))).toEqual([PASS, FAIL, PASS, FAIL]);
    expect([...batch.verdict]).toEqual([2, 0, 2, 0]);
  });
});
