import { describe, expect, it } from "vitest";
import { validateOverride, validateRule, validateRuleSet, type RuleValidation } from "./index";
import { appSchema, modelSchema, specRules } from "./llm-example.test-support";

const schemas = { source: appSchema, target: modelSchema };
const check = (logic: unknown, bounds?: { maxBytes?: number; maxDepth?: number }) => validateRule(logic, schemas, bounds);

function errors(result: RuleValidation) {
  if (result.ok) throw new Error("expected the rule to be rejected");
  return result.errors;
}

describe("valid rules", () => {
  it("the spec's three rules are valid and report the vars they read", () => {
    expect(specRules.map((r) => check(r.logic))).toEqual([
      { ok: true, vars: ["source.needsStreaming", "target.supportsStreaming"] },
      { ok: true, vars: ["source.needsToolCalling", "target.supportsToolCalling"] },
      { ok: true, vars: ["target.provider"] },
    ]);
  });

  it("accepts keys, numeric thresholds, between, enum membership, if chains and missing", () => {
    const logic = {
      and: [
        { "!=": [{ var: "source.key" }, { var: "target.key" }] },
        { ">=": [{ var: "target.maxTokens" }, { "*": [{ var: "source.maxLatencyMs" }, 2] }] },
        { "<": [0, { var: "target.maxTokens" }, 1000000] },
        { in: [{ var: "source.clientType" }, ["web", "mobile"]] },
        { in: ["eu", { var: "source.region" }] },
        { if: [{ "==": [{ var: "target.tier" }, "pro"] }, true, { "!": { var: "source.needsToolCalling" } }] },
        { "!": { missing: ["target.provider"] } },
        { "!": { missing_some: [1, ["target.maxTokens", "target.tier"]] } },
        { var: ["target.supportsStreaming", false] },
      ],
    };
    expect(check(logic)).toMatchObject({ ok: true });
  });
});

describe("rejected rules say what was found and where", () => {
  it("an unknown operator", () => {
    expect(errors(check({ and: [true, { regex: ["a", "b"] }] }))).toEqual([
      { path: "$.and[1]", message: expect.stringContaining('unknown operator "regex"') },
    ]);
  });

  it("an excluded operator, with the reason", () => {
    const [e] = errors(check({ log: [{ var: "target.provider" }] }));
    expect(e).toEqual({ path: "$", message: expect.stringContaining('"log" is not allowed: log writes to the console') });
  });

  it("an unknown field", () => {
    expect(errors(check({ "==": [{ var: "target.colour" }, "red"] }))).toEqual([
      { path: '$["=="][0].var', message: expect.stringMatching(/^target has no field "colour"; target fields are: key, id, displayName/) },
    ]);
  });

  it("a field of the other side, with a hint", () => {
    expect(errors(check({ "==": [{ var: "source.provider" }, "openai"] }))[0]!.message).toBe(
      'source has no field "provider"; "provider" is a target field — did you mean "target.provider"?',
    );
  });

  it("a var that is neither source nor target", () => {
    expect(errors(check({ var: "provider" }))[0]).toEqual({ path: "$.var", message: 'var "provider" must be "source.<field>" or "target.<field>"' });
  });

  it("a computed var path", () => {
    expect(errors(check({ var: [{ cat: ["target.", "provider"] }] }))[0]).toEqual({
      path: "$.var[0]",
      message: 'var needs a literal path like "source.<field>" or "target.<field>", found an operation {"cat":"…"}',
    });
  });

  it("a var reaching inside a field", () => {
    expect(errors(check({ var: "target.provider.length" }))[0]!.message).toContain('reads inside field "provider"');
  });

  it("an unknown key inside missing", () => {
    expect(errors(check({ missing: ["target.provider", "target.nope"] }))[0]!.path).toBe("$.missing[1]");
  });

  it("the wrong number of arguments", () => {
    expect(errors(check({ "==": [{ var: "target.provider" }] }))[0]).toEqual({ path: '$["=="]', message: '"==" takes 2 arguments, found 1' });
    expect(errors(check({ "!": [true, false] }))[0]!.message).toBe('"!" takes 1 argument, found 2');
  });

  it("an object that is not an operation", () => {
    expect(errors(check({ "==": [{ a: 1, b: 2 }, 1] }))[0]).toEqual({
      path: '$["=="][0]',
      message: 'expected an operation with exactly one operator, like {"==": [a, b]}; found an object with keys "a", "b"',
    });
  });

  it("collects every error, not just the first", () => {
    expect(errors(check({ and: [{ nope: 1 }, { var: "target.nope" }, { "==": [{ var: "target.supportsStreaming" }, "yes"] }] }))).toHaveLength(3);
  });
});

describe("type mismatches", () => {
  const message = (logic: unknown) => errors(check(logic)).map((e) => `${e.path}: ${e.message}`);

  it("a boolean field compared with a string", () => {
    expect(message({ "==": [{ var: "target.supportsStreaming" }, "true"] })).toEqual([
      '$["=="][1]: target.supportsStreaming is a boolean field; compare it with true or false, not "true"',
    ]);
  });

  it("an enum field compared with a value outside its options", () => {
    expect(message({ "==": [{ var: "source.clientType" }, "tv"] })).toEqual(['$["=="][1]: "tv" is not an option of source.clientType (options: web, desktop, mobile, backend)']);
  });

  it("an enum membership list with a value outside the options", () => {
    expect(message({ in: [{ var: "target.tier" }, ["free", "enterprise"]] })).toEqual(['$.in[1][1]: "enterprise" is not an option of target.tier (options: free, pro)']);
  });

  it("a numeric comparison of a string field", () => {
    expect(message({ ">": [{ var: "target.provider" }, 5] })).toEqual(['$[">"][1]: numeric comparison ">" of string field target.provider with 5']);
  });

  it("a number field compared with text", () => {
    expect(message({ ">=": [{ var: "target.maxTokens" }, "lots"] })[0]).toContain("target.maxTokens is a number field");
    expect(message({ "===": [{ var: "target.maxTokens" }, "8192"] })[0]).toContain("compare it with a number");
  });

  it("two fields of different types", () => {
    expect(message({ "==": [{ var: "source.needsStreaming" }, { var: "target.maxTokens" }] })).toEqual([
      '$["=="]: compares source.needsStreaming (boolean) with target.maxTokens (number); they can never be equal',
    ]);
  });

  it("arithmetic on a boolean field", () => {
    expect(message({ "+": [{ var: "target.supportsStreaming" }, 1] })).toEqual(['$["+"][0]: arithmetic "+" on boolean field target.supportsStreaming']);
  });

  it("membership of a number field in a list of strings (in compares strictly)", () => {
    expect(message({ in: [{ var: "target.maxTokens" }, [8192, "4096"]] })[0]).toMatch(/^\$\.in\[1\]\[1\]: target\.maxTokens is a number field/);
  });

  it("loose comparisons that json-logic-js makes work are allowed", () => {
    expect(check({ "==": [{ var: "target.maxTokens" }, "8192"] }).ok).toBe(true);
    expect(check({ "==": [{ var: "target.provider" }, null] }).ok).toBe(true);
  });
});

describe("size and depth bounds", () => {
  it("10,000 levels of nesting give a clean error instead of a stack overflow", () => {
    let deep: unknown = true;
    for (let i = 0; i < 10_000; i++) deep = { "!": [deep] };
    const [e] = errors(check(deep));
    expect(e!.message).toBe("nesting is deeper than 32 levels; simplify the rule");
    expect(e!.path.startsWith('$["!"][0]["!"]')).toBe(true);
  });

  it("the same holds for deep JSON text and deep arrays", () => {
    const text = "[".repeat(10_000) + "]".repeat(10_000);
    expect(errors(check(JSON.parse(text)))[0]!.message).toContain("deeper than 32");
  });

  it("a 5 MB rule is refused by size", () => {
    const big = { in: [{ var: "target.provider" }, Array.from({ length: 500 }, (_, i) => `${i}`.padEnd(10_000, "x"))] };
    const [e] = errors(check(big));
    expect(e).toEqual({ path: "$", message: expect.stringMatching(/^the rule is \d+ bytes of JSON; the limit is 65536$/) });
  });

  it("a rule with a million values is refused without serializing it", () => {
    const big = { in: [{ var: "target.provider" }, Array.from({ length: 1_000_000 }, () => 1)] };
    expect(errors(check(big))[0]!.message).toBe("the rule holds more than 65536 values, so its JSON is over the 65536-byte limit");
  });

  it("bounds are configurable; depth counts JSON nesting (objects and arrays)", () => {
    const logic = { and: [{ and: [{ "==": [1, 1] }] }] }; // 6 levels
    expect(check(logic, { maxDepth: 5 }).ok).toBe(false);
    expect(check(logic, { maxDepth: 6 }).ok).toBe(true);
    expect(check(logic, { maxBytes: 10 }).ok).toBe(false);
  });

  it("a circular structure is refused, not walked forever", () => {
    const loop: Record<string, unknown> = {};
    loop["!"] = [loop];
    expect(errors(check(loop))[0]!.message).toContain("circular");
  });

  it("non-JSON values are refused", () => {
    expect(errors(check({ "==": [Number.NaN, 1] }))[0]!.message).toBe("numbers must be finite, found NaN");
  });
});

describe("rule sets and overrides", () => {
  it("duplicate ids, empty names and negative weights are reported per rule", () => {
    const r = validateRuleSet(
      [
        { ...specRules[0]!, id: "a" },
        { ...specRules[1]!, id: "a", name: " ", weight: -1 },
      ],
      schemas,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => `${e.ruleId} ${e.path}`)).toEqual(["a $.id", "a $.name", "a $.weight"]);
    }
  });

  it("rule errors carry the rule id", () => {
    const r = validateRuleSet([{ ...specRules[2]!, logic: { "==": [{ var: "target.nope" }, 1] } }], schemas);
    expect(r.ok ? [] : r.errors.map((e) => e.ruleId)).toEqual(["openai"]);
  });

  it("a (*, *) override is rejected", () => {
    expect(validateOverride({ sourceKey: null, targetKey: null, verdict: 2, note: null }).ok).toBe(false);
  });

  it("pair, source-wide and target-wide overrides are accepted", () => {
    for (const [s, t] of [["a", "b"], ["a", null], [null, "b"]] as const) {
      expect(validateOverride({ sourceKey: s, targetKey: t, verdict: 1, note: "n" }).ok).toBe(true);
    }
  });

  it("a verdict outside 0..2 is rejected", () => {
    expect(validateOverride({ sourceKey: "a", targetKey: null, verdict: 3 as 2, note: null }).ok).toBe(false);
  });
});

describe("array operators and their scope", () => {
  const message = (logic: unknown) => errors(check(logic)).map((e) => `${e.path}: ${e.message}`);

  it("inside some/all/none/map/filter, var names the element; the list itself is read from the pair", () => {
    const logic = { some: [{ merge: [{ var: "target.provider" }] }, { in: [{ var: "" }, ["openai", "anthropic"]] }] };
    expect(check(logic)).toEqual({ ok: true, vars: ["target.provider"] });
    expect(check({ all: [[1, 2], { ">=": [{ var: "" }, 1] }] })).toMatchObject({ ok: true });
    expect(check({ map: [{ merge: [{ var: "source.region" }] }, { var: "code" }] })).toMatchObject({ ok: true, vars: ["source.region"] });
  });

  it("inside reduce, var names current and accumulator; its initial value is read from the pair", () => {
    const logic = { reduce: [{ merge: [{ var: "target.maxTokens" }] }, { "+": [{ var: "current" }, { var: "accumulator" }] }, { var: "source.maxLatencyMs" }] };
    expect(check(logic)).toEqual({ ok: true, vars: ["target.maxTokens", "source.maxLatencyMs"] });
    expect(message({ reduce: [[1], { var: "x" }, 0] })).toEqual(['$.reduce[1].var: inside "reduce", var names "current" (the element) or "accumulator", not "x"']);
  });

  it("a pair field read inside the body is an error that says why", () => {
    expect(message({ some: [[1], { "==": [{ var: "target.provider" }, "x"] }] })[0]).toMatch(/^\$\.some\[1\]\["=="\]\[0\]\.var: inside "some", var names the list element/);
  });

  it("going through a single-valued field directly is reported, with the merge idiom as the fix", () => {
    expect(message({ some: [{ var: "target.provider" }, true] })[0]).toContain('wrap it as {"merge": [{"var": "target.provider"}]}');
  });

  it("argument counts are checked", () => {
    expect(message({ filter: [[1]] })).toEqual(['$.filter: "filter" takes 2 arguments, found 1']);
    expect(message({ reduce: [[1], { var: "current" }, 0, 1] })).toEqual(['$.reduce: "reduce" takes 2 to 3 arguments, found 4']);
  });
});
