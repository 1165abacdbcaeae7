import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { pairContext, ruleSets } from "./arbitraries.test-support";
import { checkPair, compileRuleSet, evaluateMatrix, parseDevicePolicy, type OverrideSpec, type SourceRecord, type TargetRecord } from "./index";
import { allModels, apps, models, specRules } from "./llm-example.test-support";

const compiled = compileRuleSet(specRules);
const sources = [apps.chatWeb, apps.batchBackend, apps.mobileLite];
const unlisted = { ...models.gpt4o, key: "local-llama", label: "Llama (local)", attrs: { supportsStreaming: true, supportsToolCalling: true } };

function matrix(overrides: OverrideSpec[] = [], policy: unknown = {}) {
  return evaluateMatrix({ compiled, overrides, sources, targets: [...allModels, unlisted], devicePolicy: parseDevicePolicy(policy, "matrix") });
}

announceFuzz(import.meta.url);

describe("evaluateMatrix", () => {
  it("groups columns by provider by default: groups by name, targets by label, ungrouped last", () => {
    expect(matrix().groups).toEqual([
      { name: "anthropic", targetKeys: ["claude-3-5-sonnet"] },
      { name: "openai", targetKeys: ["gpt-3.5-instruct", "gpt-4o", "mystery", "o1-batch"] },
      { name: "", targetKeys: ["local-llama"] },
    ]);
  });

  it("an explicit null groupBy puts every column in one group", () => {
    expect(matrix([], { groupBy: null }).groups).toHaveLength(1);
  });

  it("one row per source in input order, cells in column order", () => {
    const m = matrix();
    expect(m.rows.map((r) => r.key)).toEqual(["chat-web", "batch-backend", "mobile-lite"]);
    expect(m.rows[0]!.cells.map((c) => c.v)).toEqual([0, 1, 2, 1, 0, 1]);
    expect(m.rows[1]!.cells.map((c) => c.v)).toEqual([0, 2, 2, 2, 2, 1]);
  });

  it("cells mark unknown data and list failed or unknown rules for the tooltip", () => {
    const [, gpt35, gpt4o, mystery] = matrix().rows[0]!.cells;
    expect(gpt4o).toEqual({ v: 2, u: false, o: false, f: [] });
    expect(gpt35).toEqual({ v: 1, u: false, o: false, f: ["tools"] });
    expect(mystery).toEqual({ v: 1, u: true, o: false, f: ["streaming"], m: ["streaming"] });
    // No provider recorded: the required provider rule is unknown, so partial rather than incompatible.
    expect(matrix().rows[0]!.cells[5]).toEqual({ v: 1, u: true, o: false, f: ["openai"], m: ["openai"] });
  });

  it("cells agree with checkPair for every pair", () => {
    const m = matrix();
    const columns = m.groups.flatMap((g) => g.targetKeys);
    const targets = [...allModels, unlisted];
    m.rows.forEach((row, r) => {
      row.cells.forEach((cell, c) => {
        const target = targets.find((t) => t.key === columns[c])!;
        const p = checkPair({ compiled, overrides: [], source: sources[r]!, target, devicePolicy: parseDevicePolicy({}) });
        expect(cell.v).toBe(p.verdict);
        expect(cell.f).toEqual(p.features.filter((f) => f.status !== "pass").map((f) => f.ruleId));
        const unknown = p.features.filter((f) => f.status === "unknown").map((f) => f.ruleId);
        expect(cell.m ?? []).toEqual(unknown);
      });
    });
  });

  it("overrides set the cell verdict and its flag, with the usual precedence", () => {
    const m = matrix([
      { sourceKey: null, targetKey: "claude-3-5-sonnet", verdict: 1, note: null },
      { sourceKey: "chat-web", targetKey: "claude-3-5-sonnet", verdict: 2, note: null },
    ]);
    expect(m.rows.map((r) => [r.cells[0]!.v, r.cells[0]!.o])).toEqual([
      [2, true],
      [1, true],
      [1, true],
    ]);
    expect(m.rows[0]!.cells[0]!.f).toEqual(["openai"]);
  });
});

describe("evaluateMatrix across rows", () => {
  it("a row whose source leaves status tables nothing to answer, after a row that used them, keeps only its own counts", () => {
    const rules = compileRuleSet([
      { id: "streaming", name: "Streaming", required: true, weight: 1, category: null, logic: { or: [{ "==": [{ var: "source.needsStreaming" }, false] }, { "==": [{ var: "target.supportsStreaming" }, true] }] } },
      // Three providers over four targets: too many values for a table, so always a kernel.
      { id: "openai", name: "OpenAI", required: true, weight: 1, category: null, logic: { "==": [{ var: "target.provider" }, "openai"] } },
    ]);
    const targets = [["gpt", "openai", true], ["mini", "openai", false], ["claude", "anthropic", true], ["llama", "meta", false]].map(([key, provider, supportsStreaming]): TargetRecord => ({ key: String(key), label: String(key), attrs: { provider, supportsStreaming } }));
    const sources = [true, false].map((needsStreaming): SourceRecord => ({ key: String(needsStreaming), label: "", dims: {}, attrs: { needsStreaming } }));
    const policy = parseDevicePolicy({ groupBy: null }, "matrix");
    const m = evaluateMatrix({ compiled: rules, overrides: [], sources, targets, devicePolicy: policy });
    expect(m.rows.map((r) => r.cells.map((c) => [c.v, c.f.join()].join(":")))).toEqual([
      // claude, gpt, llama, mini (by label)
      ["0:openai", "2:", "0:streaming,openai", "0:streaming"],
      ["0:openai", "2:", "0:openai", "2:"],
    ]);
  });
});

describe("evaluateMatrix on random rules and data (property)", { timeout: 120_000 }, () => {
  it("every cell's verdict, failing and unknown rules are checkPair's, past 32 rules and across rows that use status tables and rows that do not", () => {
    const policy = parseDevicePolicy({ groupBy: null }, "matrix");
    fc.assert(
      fc.property(fc.oneof(ruleSets(1, 6), ruleSets(33, 40)), fc.array(pairContext, { minLength: 1, maxLength: 3 }), fc.array(pairContext, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 64, maxLength: 72 }), (rules, rows, pool, picks) => {
        const compiled = compileRuleSet(rules);
        // The empty source settles many rules, so some rows leave status tables nothing to answer.
        const sources = [...rows.map((r) => r.source), {}].map((attrs, i): SourceRecord => ({ key: `s${i}`, label: `s${i}`, dims: {}, attrs }));
        const targets = picks.map((k, i): TargetRecord => ({ key: `t${i}`, label: `t${i}`, attrs: pool[k % pool.length]!.target }));
        const m = evaluateMatrix({ compiled, overrides: [], sources, targets, devicePolicy: policy });
        const byKey = new Map(targets.map((t) => [t.key, t]));
        const columns = m.groups.flatMap((g) => g.targetKeys);
        m.rows.forEach((row, r) =>
          row.cells.forEach((cell, c) => {
            const p = checkPair({ compiled, overrides: [], source: sources[r]!, target: byKey.get(columns[c]!)!, devicePolicy: policy });
            expect(cell.v).toBe(p.verdict);
            expect(cell.f).toEqual(p.features.filter((f) => f.status !== "pass").map((f) => f.ruleId));
            expect(cell.m ?? []).toEqual(p.features.filter((f) => f.status === "unknown").map((f) => f.ruleId));
          }),
        );
      }),
      fuzz(100),
    );
  });
});
