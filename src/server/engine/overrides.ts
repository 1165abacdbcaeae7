import type { OverrideSpec, RuleError } from "./types";

/**
 * Checks one override: at least one side must name a key (an override for every pair would
 * replace the rules altogether), and the verdict must be 0, 1 or 2.
 */
export function validateOverride(override: OverrideSpec): { ok: true } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  if (override.sourceKey === null && override.targetKey === null) {
    errors.push({ path: "$", message: "an override needs a source key, a target key or both; (*, *) would override every pair" });
  }
  for (const side of ["sourceKey", "targetKey"] as const) {
    const key = override[side];
    if (key !== null && (typeof key !== "string" || key === "")) errors.push({ path: `$.${side}`, message: `expected a non-empty key or null (meaning any), found ${JSON.stringify(key)}` });
  }
  if (override.verdict !== 0 && override.verdict !== 1 && override.verdict !== 2) {
    errors.push({ path: "$.verdict", message: `expected verdict 0, 1 or 2, found ${JSON.stringify(override.verdict)}` });
  }
  return errors.length ? { ok: false, errors } : { ok: true };
}

/**
 * Override lookup with the precedence exact pair > source-wide (source, *) > target-wide (*, target).
 * When the same slot appears twice the later entry wins; `(*, *)` entries are ignored.
 */
export class OverrideIndex {
  private readonly exact = new Map<string, OverrideSpec>();
  private readonly bySource = new Map<string, OverrideSpec>();
  private readonly byTarget = new Map<string, OverrideSpec>();
  readonly size: number;

  constructor(overrides: readonly OverrideSpec[]) {
    for (const o of overrides) {
      if (o.sourceKey !== null && o.targetKey !== null) this.exact.set(pairKey(o.sourceKey, o.targetKey), o);
      else if (o.sourceKey !== null) this.bySource.set(o.sourceKey, o);
      else if (o.targetKey !== null) this.byTarget.set(o.targetKey, o);
    }
    this.size = this.exact.size + this.bySource.size + this.byTarget.size;
  }

  /** The override that applies to a pair, if any. */
  find(sourceKey: string, targetKey: string): OverrideSpec | null {
    if (this.size === 0) return null;
    return this.exact.get(pairKey(sourceKey, targetKey)) ?? this.bySource.get(sourceKey) ?? this.byTarget.get(targetKey) ?? null;
  }
}

function pairKey(sourceKey: string, targetKey: string): string {
  return `${sourceKey.length}:${sourceKey}\u0000${targetKey}`;
}
