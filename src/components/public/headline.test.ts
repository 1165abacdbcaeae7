import { describe, expect, it } from "vitest";
import { countsSentence, resultHeadline } from "./headline";

const counts = { compatible: 12, partial: 8, incompatible: 30, total: 50 };

describe("result headline", () => {
  it("fills a template with the counts and keeps the computed line under it", () => {
    expect(resultHeadline("{compatible} of {total} models fit your app", counts)).toEqual({ title: "12 of 50 models fit your app", subtitle: "12 of 50 fit · 8 partly · 30 don't" });
  });

  it("never lets fixed text stand as the headline: 'Fully compatible' becomes a subtitle", () => {
    expect(resultHeadline("Fully compatible", { compatible: 4, partial: 0, incompatible: 4, total: 8 })).toEqual({ title: "4 of 8 fit · 4 don't", subtitle: "Fully compatible" });
  });

  it("is neutral without messaging", () => {
    expect(resultHeadline("", counts).title).toBe(countsSentence(counts));
  });
});
