import { describe, expect, it } from "vitest";
import { describeFeature, fillTemplate, type LabeledSchemas } from "./sentences";

const schemas: LabeledSchemas = {
  source: {
    fields: [
      { name: "needsStructuredOutputs", type: "boolean", label: "Needs structured outputs" },
      { name: "minContextTokens", type: "number", label: "Context it needs", unit: "tokens" },
      { name: "region", type: "enum", label: "Data region", optionLabels: { eu: "EU only" } },
      { name: "maxInputPricePerMTok", type: "number", label: "Budget", unit: "$ / M input tokens" },
    ],
  },
  target: {
    fields: [
      { name: "supportsStructuredOutputs", type: "boolean", label: "Structured outputs" },
      { name: "contextWindow", type: "number", label: "Context window", unit: "tokens" },
      { name: "euDataResidency", type: "boolean", label: "EU data residency" },
      { name: "openWeights", type: "boolean", label: "Open weights" },
      { name: "tier", type: "enum", label: "Tier", optionLabels: { pro: "Professional" } },
    ],
  },
};
const names = { source: "Invoice extractor", target: "DeepSeek-V3" };
const v = (name: string) => ({ var: name });
const needs = { or: [{ "!": v("source.needsStructuredOutputs") }, { "==": [v("target.supportsStructuredOutputs"), true] }] };
const ctx = { or: [{ "!": v("source.minContextTokens") }, { ">=": [v("target.contextWindow"), v("source.minContextTokens")] }] };
const seen = (name: string, value: unknown) => ({ var: name, value, missing: value === null });

describe("plain-language sentences", () => {
  it("words a failed 'needs' rule with the labels, never the field names", () => {
    const s = describeFeature({ logic: needs, status: "fail", vars: [seen("source.needsStructuredOutputs", true), seen("target.supportsStructuredOutputs", false)], names, schemas });
    expect(s).toBe("DeepSeek-V3 doesn't support structured outputs, which Invoice extractor needs");
  });

  it("says 'not known' for missing data instead of 'not met'", () => {
    const s = describeFeature({ logic: needs, status: "unknown", vars: [seen("source.needsStructuredOutputs", true), seen("target.supportsStructuredOutputs", null)], names, schemas });
    expect(s).toBe("Not known whether DeepSeek-V3 supports structured outputs, which Invoice extractor needs");
  });

  it("words a threshold with values and units", () => {
    const s = describeFeature({ logic: ctx, status: "fail", vars: [seen("source.minContextTokens", 200000), seen("target.contextWindow", 131072)], names, schemas });
    expect(s).toBe("DeepSeek-V3’s context window is 131,072 tokens; Invoice extractor needs at least 200,000 tokens");
  });

  it("reads a comparison written the other way round (source ≤ target)", () => {
    const logic = { "<=": [v("source.minContextTokens"), v("target.contextWindow")] };
    const s = describeFeature({ logic, status: "fail", vars: [seen("source.minContextTokens", 200000), seen("target.contextWindow", 1000)], names, schemas });
    expect(s).toBe("DeepSeek-V3’s context window is 1,000 tokens; Invoice extractor needs at least 200,000 tokens");
  });

  it("words an in-list rule with option labels", () => {
    const s = describeFeature({ logic: { in: [v("target.tier"), ["pro"]] }, status: "fail", vars: [seen("target.tier", "free")], names, schemas });
    expect(s).toBe("DeepSeek-V3’s tier is free, not one of Professional");
  });

  it("falls back to labelled facts per row, missing data named apart", () => {
    const logic = { or: [{ "!=": [v("source.region"), "eu"] }, { "==": [v("target.euDataResidency"), true] }, { "==": [v("target.openWeights"), true] }] };
    const vars = [seen("source.region", "eu"), seen("target.euDataResidency", false), seen("target.openWeights", false)];
    expect(describeFeature({ logic, status: "fail", vars, names, schemas })).toBe("Not met — Invoice extractor: data region EU only; DeepSeek-V3: EU data residency no, open weights no");
    const unknown = [seen("source.region", "eu"), seen("target.euDataResidency", null), seen("target.openWeights", false)];
    expect(describeFeature({ logic, status: "unknown", vars: unknown, names, schemas })).toBe(
      "Data missing — DeepSeek-V3: EU data residency (known: Invoice extractor: data region EU only; DeepSeek-V3: open weights no)",
    );
  });

  it("prefers the rule's own sentence, filling names and values", () => {
    const s = describeFeature({
      logic: needs,
      sentences: { fail: "{target} doesn't support structured outputs, which {source} needs ({target.supportsStructuredOutputs})" },
      status: "fail",
      vars: [seen("target.supportsStructuredOutputs", false)],
      names,
      schemas,
    });
    expect(s).toBe("DeepSeek-V3 doesn't support structured outputs, which Invoice extractor needs (no)");
    expect(fillTemplate("{target.nope} {other}", { vars: [], names, schemas })).toBe("{target.nope} {other}");
  });

  it("formats money units before the number", () => {
    const logic = { or: [{ "!": v("source.maxInputPricePerMTok") }, { "<=": [v("target.contextWindow"), v("source.maxInputPricePerMTok")] }] };
    const s = describeFeature({ logic, status: "fail", vars: [seen("source.maxInputPricePerMTok", 0.5), seen("target.contextWindow", 3)], names, schemas });
    expect(s).toContain("needs at most $0.5 / M input tokens");
  });
});
