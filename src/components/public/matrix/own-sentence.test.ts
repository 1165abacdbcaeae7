import { describe, expect, it } from "vitest";
import { ownSentence } from "./own-sentence";
import type { FeatureInfo } from "../types";

const info = (sentences?: FeatureInfo["sentences"]): FeatureInfo => ({ id: "1", name: "Structured outputs", required: true, weight: 1, category: null, ...(sentences ? { sentences } : {}) });
const names = { source: "Invoice extractor", target: "GPT-4o" };

describe("Matrix tooltip: a rule's own sentence", () => {
  it("fills {source} and {target} with the row and column labels, per outcome", () => {
    const f = info({ fail: "{target} doesn't support structured outputs, which {source} needs", unknown: "Not known whether {target} has it" });
    expect(ownSentence(f, "fail", names)).toBe("GPT-4o doesn't support structured outputs, which Invoice extractor needs");
    expect(ownSentence(f, "unknown", names)).toBe("Not known whether GPT-4o has it");
    expect(ownSentence(info({ fail: "x" }), "unknown", names)).toBeNull();
    expect(ownSentence(info(), "fail", names)).toBeNull();
  });

  it("is not used when it names a field value (a cell has none) or is blank; markup stays text", () => {
    expect(ownSentence(info({ fail: "{target} costs {target.price}" }), "fail", names)).toBeNull();
    expect(ownSentence(info({ fail: "  " }), "fail", names)).toBeNull();
    expect(ownSentence(info({ fail: "<img src=x> {target}" }), "fail", { source: "s", target: "<script>" })).toBe("<img src=x> <script>");
  });
});
