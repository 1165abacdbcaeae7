import { describe, expect, it } from "vitest";
import { pairContext, sourceContexts, targetContexts } from "./context";
import { referenceApply } from "./reference";
import type { SourceRecord, TargetRecord } from "./types";

const targets: TargetRecord[] = [
  { key: "a", label: "A", attrs: { provider: "openai", maxTokens: 8192 } },
  { key: "b", label: "B", attrs: { supportsStreaming: false } },
  { key: "c", label: "C", attrs: JSON.parse('{"__proto__": "odd", "constructor": 1, "key": "shadowed"}') },
];

describe("pair contexts", () => {
  it("a target context is its attributes plus its key", () => {
    expect(pairContext({ key: "s", label: "S", dims: { tier: "x" }, attrs: { tier: "y", n: 1 } }, targets[0]!)).toEqual({
      source: { tier: "y", n: 1, key: "s" },
      target: { provider: "openai", maxTokens: 8192, key: "a" },
    });
  });

  it("contexts built in bulk share one shape yet read exactly like the plain ones", () => {
    const bulk = targetContexts(targets);
    // Rows without inherited names ("constructor", "__proto__") get identical key lists.
    expect(Object.keys(bulk[0]!)).toEqual(Object.keys(bulk[1]!));
    const paths = ["provider", "maxTokens", "supportsStreaming", "__proto__", "constructor", "key", "toString", "nope"];
    targets.forEach((t, i) => {
      const plain = pairContext({ key: "s", label: "", dims: {}, attrs: {} }, t).target;
      for (const p of paths) {
        expect(referenceApply({ var: `target.${p}` }, { target: bulk[i] })).toBe(referenceApply({ var: `target.${p}` }, { target: plain }));
      }
    });
  });

  it("the row key wins over an attribute named key, and __proto__ stays an ordinary field", () => {
    const [, , c] = targetContexts(targets);
    expect(c!.key).toBe("c");
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(c, "__proto__")?.value).toBe("odd");
  });

  it("bulk source contexts let attributes override dimensions", () => {
    const sources: SourceRecord[] = [
      { key: "s1", label: "", dims: { region: "eu" }, attrs: { region: "us" } },
      { key: "s2", label: "", dims: { region: "eu" }, attrs: {} },
    ];
    expect(sourceContexts(sources).map((s) => s.region)).toEqual(["us", "eu"]);
  });
});
