/**
 * The one place property tests (fast-check) take their settings from.
 *
 * - Seed: `FUZZ_SEED` (the older `FC_SEED` still works) replays a run; unset, each test file draws
 *   a random one. It is printed when the file loads and again under any test of the file that fails;
 *   fast-check's own failure report carries it too, with the counterexample's path.
 * - Runs: every property states how many cases it gets by default — enough to matter in CI, sized
 *   so the whole unit run stays within its time. `FUZZ_RUNS=10` multiplies them all (a soak run).
 *
 * Use: `announceFuzz(import.meta.url)` once at the top of the file, then `fc.assert(prop, fuzz(300))`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach } from "vitest";

function envNumber(name: string, raw: string | undefined, fallback: () => number, ok: (n: number) => boolean): number {
  if (raw === undefined || raw.trim() === "") return fallback();
  const n = Number(raw);
  if (!ok(n)) throw new Error(`${name}=${raw}: expected ${name === "FUZZ_SEED" ? "an integer" : "a positive number"}`);
  return n;
}

export const FUZZ_SEED = envNumber("FUZZ_SEED", process.env.FUZZ_SEED ?? process.env.FC_SEED, () => Math.floor(Math.random() * 2 ** 31), Number.isSafeInteger);
export const FUZZ_RUNS = envNumber("FUZZ_RUNS", process.env.FUZZ_RUNS, () => 1, (n) => n > 0 && Number.isFinite(n));

/** A property's number of cases: its default, times `FUZZ_RUNS`. */
export const fuzzRuns = (runs: number): number => Math.max(1, Math.round(runs * FUZZ_RUNS));

/** `fc.assert` parameters: the run's seed and `runs` cases (times `FUZZ_RUNS`). */
export function fuzz<T>(runs: number, extra: Omit<fc.Parameters<T>, "seed" | "numRuns"> = {}): fc.Parameters<T> {
  return { ...extra, seed: FUZZ_SEED, numRuns: fuzzRuns(runs) };
}

const replay = (file: string) => `FUZZ_SEED=${FUZZ_SEED} npx tsx scripts/test.ts --unit ${file}`;

/** Prints the seed once for the file, seeds fast-check's defaults with it, and repeats it under a failed test. */
export function announceFuzz(fileUrl: string): void {
  const file = path.relative(process.cwd(), fileURLToPath(fileUrl));
  console.log(`${file}: fast-check seed ${FUZZ_SEED}, runs ×${FUZZ_RUNS} — replay: ${replay(file)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
  afterEach(({ task }) => {
    if (task.result?.state === "fail") console.log(`${task.name}: failed with fast-check seed ${FUZZ_SEED} — replay: ${replay(file)}`);
  });
}
