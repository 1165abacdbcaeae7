import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".isolation.ts") ? [full] : [];
  });
}

/** Value imports (not `import type`) of one file that stay inside the pages domain. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)";/gms)) {
    if (m[1]) continue;
    const spec = m[2]!;
    let target: string | null = null;
    if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
    else if (spec.startsWith("~/server/pages")) target = path.join(root, spec.slice("~/server/pages".length));
    if (!target) continue;
    for (const candidate of [`${target}.ts`, path.join(target, "index.ts")]) {
      try {
        if (statSync(candidate).isFile()) out.push(candidate);
        break;
      } catch {
        // not this form
      }
    }
  }
  return out;
}

/** The first import cycle found by depth-first search, as a list of files relative to pages/. */
export function findCycle(files: string[], edges: (f: string) => string[]): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    if (state.get(f) === "done") return null;
    if (state.get(f) === "open") return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, "open");
    stack.push(f);
    for (const next of edges(f)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, "done");
    return null;
  };
  for (const f of files) {
    const cycle = visit(f);
    if (cycle) return cycle.map((c) => path.relative(root, c));
  }
  return null;
}

describe("pages domain layout", () => {
  it("finds a cycle when there is one", () => {
    const g: Record<string, string[]> = { [`${root}/a.ts`]: [`${root}/b.ts`], [`${root}/b.ts`]: [`${root}/c.ts`], [`${root}/c.ts`]: [`${root}/a.ts`] };
    expect(findCycle(Object.keys(g), (f) => g[f] ?? [])).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  });

  it("has no import cycle between its modules", () => {
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(15);
    expect(findCycle(files, importsOf)).toBeNull();
  });

  it("reads catalog and organization tables only through their modules", () => {
    const offenders = sourceFiles(root).filter((f) => /\b(sourceRows|targetRows|sourceDimensionValues|organizations)\b/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
