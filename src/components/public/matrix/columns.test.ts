import { describe, expect, it } from "vitest";
import { cellSentence, describeCell } from "./columns";
import type { FeatureInfo, MatrixCell } from "../types";

const features = new Map<string, FeatureInfo>([
  ["tools", { id: "tools", name: "Tool calling", required: true, weight: 1, category: null, sentences: { fail: "{target} can't call tools, which {source} needs", unknown: "Not known whether {target} calls tools" } }],
  ["vision", { id: "vision", name: "Vision", required: false, weight: 1, category: null }],
]);
const names = { source: "Invoice extractor", target: "GPT-4o" };

describe("a Matrix cell in words", () => {
  it("reads to a screen reader as its tooltip does: the rules' own sentences, else their names", () => {
    const cell: MatrixCell = { v: 1, u: true, o: false, f: ["tools", "vision"], m: ["vision"] };
    expect(cellSentence(names, cell, features)).toBe("GPT-4o: Partial (data missing). Not met: GPT-4o can't call tools, which Invoice extractor needs. Data missing: Vision");
    const tooltip = describeCell(cell, features, names);
    expect(tooltip.notMet).toEqual(["GPT-4o can't call tools, which Invoice extractor needs"]);
  });

  it("says a missing value in the rule's own words, and a publisher's verdict as such", () => {
    const cell: MatrixCell = { v: 2, u: true, o: true, f: ["tools"], m: ["tools"] };
    expect(cellSentence(names, cell, features)).toBe("GPT-4o: Compatible. Data missing: Not known whether GPT-4o calls tools. Verdict set by the publisher.");
  });
});
