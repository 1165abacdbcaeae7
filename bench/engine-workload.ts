import type { RuleSpec, SourceRecord, TargetRecord } from "../src/server/engine/index";
import { pick, prng, sample } from "./engine-fixtures";

/**
 * A workload not shaped around the engine's folding: 100 rules where at least 90 % stay active
 * after a source is folded in (sources need most capabilities, and most rules read the target in
 * every branch). Shapes: capability needs, `in` lists, region equality, numeric thresholds, `if`,
 * nested `and`/`or`, and array `some` over target lists.
 */

const CAPS = ["Streaming", "Tools", "Json", "Vision", "Audio", "Batch", "Cache", "Search", "Code", "Files", "Reasoning", "Realtime"];
const PROVIDERS = ["openai", "anthropic", "google", "mistral", "meta", "cohere", "xai", "deepseek", "qwen", "amazon"];
const REGIONS = ["us", "eu", "apac", "latam", "africa", "global"];
const TIERS = ["free", "standard", "pro", "enterprise"];

const v = (path: string) => ({ var: path });

function rule(rand: () => number, i: number): unknown {
  const cap = CAPS[i % CAPS.length]!;
  switch (i % 10) {
    case 0:
    case 1:
      return { if: [v(`source.needs${cap}`), { "==": [v(`target.supports${cap}`), true] }, true] };
    case 2:
      return { in: [v("target.provider"), sample(rand, PROVIDERS, 3 + Math.floor(rand() * 5))] };
    case 3:
      return { or: [{ "==": [v("target.region"), v("source.region")] }, { "==": [v("target.region"), "global"] }] };
    case 4:
      return pick(rand, [
        { ">=": [v("target.maxTokens"), v("source.minContext")] },
        { "<=": [v("target.latencyMs"), v("source.maxLatencyMs")] },
        { "<=": [v("target.price"), { "*": [v("source.budget"), 0.5 + rand()] }] },
        { ">": [v("target.score"), Math.floor(rand() * 80)] },
      ]);
    case 5:
      return {
        if: [
          { "==": [v("source.tier"), "enterprise"] },
          { in: [v("target.tier"), ["pro", "enterprise"]] },
          { "==": [v("source.tier"), "free"] },
          { "<=": [v("target.price"), 5] },
          { "!=": [v("target.tier"), "free"] },
        ],
      };
    case 6:
      return {
        and: [
          { or: [{ "==": [v(`target.supports${cap}`), true] }, { ">=": [v("target.score"), 50 + Math.floor(rand() * 40)] }] },
          { "!": v("target.deprecated") },
        ],
      };
    case 7:
      return { some: [v("target.regions"), { in: [{ var: "" }, sample(rand, REGIONS, 2)] }] };
    case 8:
      return { and: [{ "<": [0, v("target.price"), 40] }, { or: [{ "!": v("source.needsCache") }, { "==": [v("target.supportsCache"), true] }] }] };
    default:
      return { if: [{ ">": [v("source.minContext"), 100000] }, { ">=": [v("target.maxTokens"), 128000] }, { ">=": [v("target.maxTokens"), 8192] }] };
  }
}

export function makeWorkloadRules(seed: number, count: number): RuleSpec[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => ({ id: `w${i}`, name: `Rule ${i}`, required: rand() < 0.3, weight: 1 + Math.floor(rand() * 3), category: null, logic: rule(rand, i) }));
}

/** Sources that need nearly every capability (so capability rules stay active). */
export function makeWorkloadSources(seed: number, count: number): SourceRecord[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const attrs: Record<string, unknown> = {
      region: pick(rand, REGIONS),
      regions: sample(rand, REGIONS, 1 + Math.floor(rand() * 3)),
      minContext: pick(rand, [8192, 32000, 128000, 200000]),
      maxLatencyMs: 200 + Math.floor(rand() * 2000),
      budget: 1 + Math.floor(rand() * 30),
      tier: pick(rand, TIERS),
    };
    for (const cap of CAPS) attrs[`needs${cap}`] = rand() < 0.95;
    return { key: `app-${i}`, label: `App ${i}`, dims: { tier: attrs.tier as string }, attrs };
  });
}

/** Targets with list-valued regions; about 3 % of values missing. */
export function makeWorkloadTargets(seed: number, count: number): TargetRecord[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const attrs: Record<string, unknown> = {
      provider: pick(rand, PROVIDERS),
      region: pick(rand, REGIONS),
      regions: sample(rand, REGIONS, 1 + Math.floor(rand() * 3)),
      tier: pick(rand, TIERS),
      maxTokens: pick(rand, [4096, 8192, 32000, 128000, 200000, 1000000]),
      latencyMs: 100 + Math.floor(rand() * 1500),
      price: Math.round(rand() * 6000) / 100,
      score: Math.floor(rand() * 100),
      deprecated: rand() < 0.1,
    };
    for (const cap of CAPS) attrs[`supports${cap}`] = rand() < 0.8;
    for (const field of ["maxTokens", "latencyMs", "price", "regions"]) if (rand() < 0.03) delete attrs[field];
    return { key: `model-${i}`, label: `Model ${String(i).padStart(5, "0")}`, attrs };
  });
}
