/**
 * The first-screen form keeps every status the list needs (counts, "x of y optional", the "must
 * meet" filter) and drops only the words a breakdown fetches on expand.
 */
import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { describe, expect, it } from "vitest";
import { compactFinderResult, expandCompactResult } from "./compact-result";

announceFuzz(import.meta.url);

const status = fc.constantFrom("pass" as const, "fail" as const, "unknown" as const);
const result = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 12 }).chain((ids) =>
  fc.record({
    features: fc.constant(ids.map((id) => ({ id, name: `rule ${id}` }))),
    headline: fc.string(),
    targets: fc.array(
      fc.record({
        key: fc.string(),
        label: fc.string(),
        note: fc.option(fc.string()),
        // Any subset of the page's features, in any order, with an explanation or none.
        features: fc.shuffledSubarray(ids).chain((sub) =>
          fc.tuple(...sub.map((ruleId) => fc.record({ ruleId: fc.constant(ruleId), status, explanation: fc.option(fc.record({ text: fc.string() })), sentence: fc.option(fc.string()) }))),
        ),
      }),
      { maxLength: 8 },
    ),
  }),
);

describe("compact Finder result", () => {
  it("round-trips every target's statuses (page-feature order) and all other fields, without explanations", () => {
    fc.assert(
      fc.property(result, (full) => {
        const compact = compactFinderResult(full);
        expect(JSON.stringify(compact)).not.toMatch(/"explanation"|"sentence"/);
        const back = expandCompactResult(compact);
        expect(back.compact).toBe(true);
        expect(back.headline).toBe(full.headline);
        back.targets.forEach((t, i) => {
          const orig = full.targets[i]!;
          expect({ ...t, features: undefined }).toEqual({ ...orig, features: undefined });
          const order = new Map(full.features.map((f, n) => [f.id, n]));
          const want = [...orig.features].sort((a, b) => order.get(a.ruleId)! - order.get(b.ruleId)!).map((f) => ({ ruleId: f.ruleId, status: f.status, explanation: null }));
          expect(t.features).toEqual(want);
        });
      }),
      fuzz(300),
    );
  });

  it("is much smaller than the full answer on a realistic page", () => {
    const features = Array.from({ length: 9 }, (_, i) => ({ id: String(i + 1), name: `Rule ${i}` }));
    const targets = Array.from({ length: 55 }, (_, i) => ({
      key: `t${i}`,
      label: `Target ${i}`,
      features: features.map((f) => ({ ruleId: f.id, status: "fail" as const, explanation: { text: "x".repeat(120), vars: { a: 1 } }, sentence: "y".repeat(100) })),
    }));
    const full = { features, targets };
    expect(JSON.stringify(compactFinderResult(full)).length).toBeLessThan(JSON.stringify(full).length / 10);
  });
});
