import type { CompiledRule, PreparedRule } from "./compile";
import { fold } from "./ir";
import { lookupPath, truthy } from "./reference";
import { STATUS } from "./status";

const { FAIL, PASS, UNKNOWN } = STATUS;

let nextId = 0;

/** Distinct source values remembered per rule (beyond that, rules are folded afresh per source). */
const PREPARED_PER_RULE = 512;

/**
 * Folds `source` into a rule and decides what is already settled (semantics.ts, docs/engine.md
 * "Pass, fail, unknown"): a rule that folds to a truthy constant passes for every target; one that
 * can no longer pass is unknown when a source var it reads is missing, fails when it reads nothing
 * from the target, and otherwise waits for the target (its data may be missing). Remembered per
 * rule by the values it reads from the source, so the sources of a matrix or of consecutive
 * selections that agree on those values share the work and the generated kernel.
 */
export function prepareRule(rule: CompiledRule, source: unknown): PreparedRule {
  const key = rule.sourcePaths ? sourceKey(source, rule.sourcePaths) : null;
  const known = key === null ? undefined : rule.prepared.get(key);
  if (known) return known;
  const prepared = foldSource(rule, source);
  if (key !== null && rule.prepared.size < PREPARED_PER_RULE) rule.prepared.set(key, prepared);
  return prepared;
}

function foldSource(rule: CompiledRule, source: unknown): PreparedRule {
  const known = { source };
  const sourceMissing = rule.varProps.some((p) => p[0] === "source" && lookupPath(known, p, null) === null);
  const folded = fold(rule.node, { source: source as Record<string, unknown> });
  const fails = folded.k === "throw" || (folded.k === "const" && !truthy(folded.v));
  const unknownIfFalse = sourceMissing ? 1 : 0;
  let status = -1;
  if (folded.k === "const" && !fails) status = PASS;
  else if (fails && sourceMissing) status = UNKNOWN;
  else if (fails && rule.targetPaths.length === 0) status = FAIL;
  // A rule that can no longer pass but reads the target is FAIL or UNKNOWN by the target's data.
  return { id: nextId++, status, node: fails ? { k: "const", v: false } : folded, unknownIfFalse, code: null };
}

/** The values at `paths` as an exact text key, or null when one is not a primitive or a list of them. */
function sourceKey(source: unknown, paths: readonly string[][]): string | null {
  let key = "";
  for (const p of paths) {
    const v = lookupPath({ source }, p, undefined);
    const part = encode(v);
    if (part === null) return null;
    key += part + "\u0000";
  }
  return key;
}

function encode(v: unknown): string | null {
  switch (typeof v) {
    case "string": return `s${v.length}:${v}`;
    case "number": return Object.is(v, -0) ? "n-0" : `n${v}`;
    case "boolean": return v ? "T" : "F";
    case "undefined": return "u";
    case "object": {
      if (v === null) return "N";
      if (!Array.isArray(v) || v.length > 64) return null;
      let out = `a${v.length}[`;
      for (const x of v) {
        if (x !== null && typeof x === "object") return null;
        const e = encode(x);
        if (e === null) return null;
        out += e + ",";
      }
      return out + "]";
    }
    default: return null;
  }
}
