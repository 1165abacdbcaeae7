/**
 * In-process caches of the compute step. Both are safe to share between requests and
 * tenants because their keys say exactly what the value was built from: target rows by
 * (organization, dataset, version), compiled rules by (page, revision or draft content hash).
 */
import { compileRuleSet, type CompiledRuleSet, type TargetRecord } from "~/server/engine";
import { Lru } from "~/server/lru";

/** At most this many target rows held across all cached datasets (a paid dataset holds 10,000). */
const TARGET_ROWS_BUDGET = 250_000;
const targetCache = new Lru<Promise<TargetRecord[]>>(TARGET_ROWS_BUDGET);
const compiledCache = new Lru<CompiledRuleSet>(256);

/**
 * Target rows of one dataset version, loaded once per process. The promise is cached so
 * concurrent requests share one load; a failed load is forgotten.
 */
export async function cachedTargets(orgId: string, datasetId: number, version: number, load: () => Promise<TargetRecord[]>): Promise<TargetRecord[]> {
  const key = `${orgId}:${datasetId}:${version}`;
  const hit = targetCache.get(key);
  if (hit) return hit;
  const pending = load();
  targetCache.set(key, pending, 1);
  try {
    const rows = await pending;
    targetCache.set(key, pending, Math.max(1, rows.length));
    return rows;
  } catch (err) {
    targetCache.delete(key);
    throw err;
  }
}

/** A compiled rule set per (page, revision | draft hash); compiling is the costly part. */
export function cachedCompile(key: string, build: () => Parameters<typeof compileRuleSet>[0]): CompiledRuleSet {
  const hit = compiledCache.get(key);
  if (hit) return hit;
  const compiled = compileRuleSet(build());
  compiledCache.set(key, compiled);
  return compiled;
}
