import type { RuleSpec, SourceRecord, TargetRecord } from "../src/server/engine/index";

/** Deterministic LLM-flavoured datasets for the engine benchmark. */

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAPABILITIES = [
  "Streaming", "ToolCalling", "StructuredOutputs", "Vision", "AudioInput", "AudioOutput", "JsonMode", "FunctionParallel",
  "SystemPrompt", "Logprobs", "Seed", "StopSequences", "FineTuning", "Batch", "Caching", "Citations", "WebSearch",
  "CodeExecution", "FileInput", "PdfInput", "VideoInput", "Embeddings", "Reasoning", "LongContext", "Multilingual",
  "ImageOutput", "Realtime", "Predicted", "Moderation", "Grounding",
];
const PROVIDERS = ["openai", "anthropic", "google", "mistral", "meta", "cohere", "xai", "deepseek", "qwen", "amazon", "microsoft", "ai21"];
const REGIONS = ["us", "eu", "apac", "global"];
const CLIENT_TYPES = ["web", "desktop", "mobile", "backend"];
const TIERS = ["free", "standard", "pro", "enterprise"];

const v = (path: string) => ({ var: path });

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function sample<T>(rand: () => number, items: readonly T[], n: number): T[] {
  const copy = [...items];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]!);
  return out;
}

/** A capability check in one of the shapes people write: "source needs X ⇒ target supports X". */
function capabilityRule(rand: () => number, cap: string): unknown {
  const need = v(`source.needs${cap}`);
  const supports = v(`target.supports${cap}`);
  switch (Math.floor(rand() * 3)) {
    case 0:
      return { or: [{ "==": [need, false] }, { and: [{ "==": [need, true] }, { "==": [supports, true] }] }] };
    case 1:
      return { if: [need, { "==": [supports, true] }, true] };
    default:
      return { or: [{ "!": need }, { "!!": supports }] };
  }
}

function restrictionRule(rand: () => number): unknown {
  switch (Math.floor(rand() * 3)) {
    case 0:
      return { in: [v("target.provider"), sample(rand, PROVIDERS, 3 + Math.floor(rand() * 6))] };
    case 1:
      return { or: [{ "!=": [v("source.region"), pick(rand, ["eu", "apac"])] }, { in: [v("target.region"), ["eu", "apac", "global"]] }] };
    default:
      return { "!": { in: [v("target.provider"), sample(rand, PROVIDERS, 2)] } };
  }
}

function thresholdRule(rand: () => number): unknown {
  switch (Math.floor(rand() * 4)) {
    case 0:
      return { ">=": [v("target.maxTokens"), v("source.minContext")] };
    case 1:
      return { "<=": [v("target.latencyMs"), v("source.maxLatencyMs")] };
    case 2:
      return { "<": [0, v("target.pricePerMTok"), { "*": [v("source.budget"), 1 + rand()] }] };
    default:
      return { ">=": [v("target.releaseYear"), 2021 + Math.floor(rand() * 4)] };
  }
}

function nestedRule(rand: () => number): unknown {
  const [a, b] = sample(rand, CAPABILITIES, 2);
  return {
    if: [
      { "==": [v("source.clientType"), "mobile"] },
      { and: [{ "<=": [v("target.latencyMs"), 800] }, capabilityRule(rand, a!)] },
      { "==": [v("source.clientType"), "backend"] },
      { or: [{ "==": [v("target.tier"), "enterprise"] }, { ">=": [v("target.maxTokens"), { "*": [v("source.minContext"), 2] }] }] },
      { and: [capabilityRule(rand, b!), { "!=": [v("target.provider"), pick(rand, PROVIDERS)] }] },
    ],
  };
}

/** `count` rules: half capability checks, then restrictions, thresholds and nested mixes. */
export function makeRules(seed: number, count: number): RuleSpec[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    const logic =
      kind < 5 ? capabilityRule(rand, CAPABILITIES[i % CAPABILITIES.length]!) : kind < 7 ? restrictionRule(rand) : kind < 9 ? thresholdRule(rand) : nestedRule(rand);
    return { id: `r${i}`, name: `Rule ${i}`, required: rand() < 0.2, weight: 1 + Math.floor(rand() * 3), category: null, logic };
  });
}

/** Sources (apps): each needs a random subset of capabilities; a few fields left unfilled. */
export function makeSources(seed: number, count: number): SourceRecord[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const clientType = pick(rand, CLIENT_TYPES);
    const attrs: Record<string, unknown> = {
      region: pick(rand, REGIONS),
      minContext: pick(rand, [4096, 8192, 32000, 128000]),
      maxLatencyMs: 200 + Math.floor(rand() * 2000),
      budget: 1 + Math.floor(rand() * 30),
    };
    for (const cap of CAPABILITIES) if (rand() > 0.03) attrs[`needs${cap}`] = rand() < 0.35;
    return { key: `app-${i}`, label: `App ${i}`, dims: { clientType }, attrs: { clientType, ...attrs } };
  });
}

/** Targets (models): capabilities, limits and prices; about 3% of fields missing. */
export function makeTargets(seed: number, count: number): TargetRecord[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const attrs: Record<string, unknown> = {
      provider: pick(rand, PROVIDERS),
      region: pick(rand, REGIONS),
      tier: pick(rand, TIERS),
      maxTokens: pick(rand, [4096, 8192, 16384, 32000, 128000, 200000, 1000000]),
      latencyMs: 100 + Math.floor(rand() * 1500),
      pricePerMTok: Math.round(rand() * 6000) / 100,
      releaseYear: 2019 + Math.floor(rand() * 7),
    };
    for (const cap of CAPABILITIES) if (rand() > 0.03) attrs[`supports${cap}`] = rand() < 0.7;
    for (const field of ["maxTokens", "latencyMs", "pricePerMTok"]) if (rand() < 0.03) delete attrs[field];
    return { key: `model-${i}`, label: `Model ${String(i).padStart(5, "0")}`, attrs };
  });
}
