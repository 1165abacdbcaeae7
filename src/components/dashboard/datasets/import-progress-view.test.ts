import { describe, expect, it } from "vitest";
import { progressPercent } from "~/components/ui/progress";
import { importProgressView } from "./import-progress-view";

describe("import progress: the bar and its line agree", () => {
  it("a known total is a determinate bar, empty while no row is done", () => {
    const v = importProgressView({ status: "processing", rowsDone: 0, rowsTotal: 7999 });
    expect(v).toEqual({ value: 0, max: 7999, text: "0 / 7,999 rows" });
    expect(progressPercent(v.value, v.max)).toBe(0);
    const half = importProgressView({ status: "processing", rowsDone: 4000, rowsTotal: 7999 });
    expect(half.text).toBe("4,000 / 7,999 rows");
    expect(progressPercent(half.value, half.max)).toBe(50);
  });

  it("an unknown total is indeterminate and names no row counts", () => {
    expect(importProgressView(undefined)).toEqual({ value: 0, max: null, text: "Waiting to start…" });
    const reading = importProgressView({ status: "processing", rowsDone: 0, rowsTotal: 0 });
    expect(reading).toEqual({ value: 0, max: null, text: "Reading the file…" });
    expect(progressPercent(reading.value, reading.max)).toBeNull();
  });

  it("for any counts, the line's ratio is the bar's share (seeded)", () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
    console.log(`import-progress-view seed ${seed}`);
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 1000; i++) {
      const total = Math.floor(next() * 100_000);
      const done = Math.floor(next() * (total + 10));
      const v = importProgressView({ status: "processing", rowsDone: done, rowsTotal: total });
      const m = /^([\d,]+) \/ ([\d,]+) rows$/.exec(v.text);
      if (total <= 0) {
        expect(m).toBeNull();
        continue;
      }
      const [a, b] = [Number(m![1]!.replace(/,/g, "")), Number(m![2]!.replace(/,/g, ""))];
      expect(progressPercent(v.value, v.max)).toBe(Math.min(100, Math.round((a / b) * 100)));
    }
  });
});
