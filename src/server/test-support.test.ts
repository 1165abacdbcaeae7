import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const SEAMS = ["evaluationCounter", "setPublicRateLimiter"];
const DEFINED_IN = ["src/server/pages/read/compute.ts", "src/server/ratelimit/index.ts", "src/server/test-support.ts"];

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "_generated" ? [] : sources(rel);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [rel] : [];
  });
}

const isTestCode = (file: string) => /\.test\.tsx?$|\.test-support\.ts$/.test(file) || file.startsWith("src/test/") || file.startsWith("tests/");
const files = ["src", "app", "scripts", "tests", "bench", "convex"].flatMap(sources);

describe("test seams", () => {
  it("only test code imports ~/server/test-support", () => {
    const offenders = files.filter((f) => !isTestCode(f) && /from "(~\/server|\.{1,2}(\/\.\.)*)\/test-support"/.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the seams are imported through ~/server/test-support and nowhere else", () => {
    const offenders: string[] = [];
    for (const f of files) {
      if (DEFINED_IN.includes(f)) continue;
      for (const m of readFileSync(path.join(root, f), "utf8").matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
        const names = m[1]!.split(",").map((n) => n.trim().split(/\s+as\s+/)[0]);
        if (names.some((n) => SEAMS.includes(n!)) && m[2] !== "~/server/test-support") offenders.push(`${f} imports a seam from ${m[2]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
