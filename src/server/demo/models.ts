/**
 * TARGETS of the demo organization: LLMs and what they can do.
 *
 * A demo snapshot: each row names where its facts come from (`factsSource`) and when they were
 * last compared with that source (`checkedOn`). Prices, context sizes and availability change
 * often, so this table WILL drift: it shows the product, it is not a reference. Every field a
 * demo rule reads is filled (the demo Matrix must not be mostly "data missing"; a test keeps
 * it under 5 %). Open-weight models have no first-party price: theirs is a serverless host's
 * list price, and their `factsSource` says which host. Structured outputs on open weights means
 * schema-constrained decoding where they are served (vLLM and the hosted APIs offer it).
 *
 * Conventions
 * - `contextWindow` is the model's own window in tokens (hosts may serve less).
 * - `inputPricePerMTok` is the first-party list price, USD per million input tokens, for the
 *   base tier; absent for open-weight models without a first-party API.
 * - `openWeights` means weights are published under a license that allows commercial
 *   self-hosting (Apache-2.0, MIT, Llama/Gemma community terms); research-only or
 *   non-commercial weights (Mistral Large, Command R+) count as closed here.
 * - `euDataResidency` means the provider's own platform can keep processing in the EU
 *   (OpenAI's European data residency, Vertex AI EU regions, Mistral's EU hosting).
 * - `alwaysReasons`: the model always spends reasoning tokens before answering (no
 *   non-thinking mode), which matters for latency-bound apps.
 */
import type { z } from "zod";
import type { schemaJsonSchema } from "~/server/catalog/schema-json";

export const PROVIDERS = [
  "OpenAI",
  "Anthropic",
  "Google",
  "Meta",
  "Mistral AI",
  "DeepSeek",
  "xAI",
  "Cohere",
  "Alibaba (Qwen)",
  "Amazon",
  "Microsoft",
] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Where the provider's first-party API is primarily served ('global' = self-hosted / many hosts). */
export const REGIONS = ["us", "eu", "cn", "ca", "global"] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Record<Region, string> = { us: "United States", eu: "European Union", cn: "China", ca: "Canada", global: "Self-hosted / many hosts" };

/** One LLM (a target row). Field names are the target schema's fields. */
export interface DemoModel {
  id: string;
  displayName: string;
  provider: Provider;
  supportsStreaming: boolean;
  supportsToolCalling: boolean;
  /** JSON-schema-constrained output (not just "JSON mode"). */
  supportsStructuredOutputs?: boolean;
  supportsVision?: boolean;
  contextWindow: number;
  maxOutputTokens?: number;
  primaryRegion?: Region;
  euDataResidency?: boolean;
  openWeights: boolean;
  alwaysReasons?: boolean;
  /** 'YYYY-MM' of the (generally available) release. */
  releaseMonth: string;
  inputPricePerMTok?: number;
  /** Where this row's facts come from: the provider's model and pricing pages, or the host named. */
  factsSource: string;
  /** When those facts were last compared with the source (YYYY-MM-DD). */
  checkedOn: string;
}

/** The target schema the demo registers (docs/data-model.md). */
export const TARGET_SCHEMA = {
  keyField: "id",
  labelField: "displayName",
  dimensions: [],
  fields: [
    { name: "id", type: "string", required: true, label: "ID" },
    { name: "displayName", type: "string", required: true, label: "Model" },
    { name: "provider", type: "enum", required: true, options: [...PROVIDERS], label: "Provider" },
    { name: "supportsStreaming", type: "boolean", required: true, label: "Streaming", description: "Sends tokens as they are generated" },
    { name: "supportsToolCalling", type: "boolean", required: true, label: "Tool calling", description: "Native function / tool calling" },
    { name: "supportsStructuredOutputs", type: "boolean", required: false, label: "Structured outputs", description: "Output constrained to a JSON schema" },
    { name: "supportsVision", type: "boolean", required: false, label: "Image input" },
    { name: "contextWindow", type: "number", required: true, label: "Context window", unit: "tokens" },
    { name: "maxOutputTokens", type: "number", required: false, label: "Max output", unit: "tokens" },
    { name: "primaryRegion", type: "enum", required: false, options: [...REGIONS], label: "Primary region", optionLabels: REGION_LABELS },
    { name: "euDataResidency", type: "boolean", required: false, label: "EU data residency" },
    { name: "openWeights", type: "boolean", required: true, label: "Open weights" },
    { name: "alwaysReasons", type: "boolean", required: false, label: "Always reasons", description: "Spends reasoning tokens before every answer" },
    { name: "releaseMonth", type: "string", required: true, label: "Released" },
    { name: "inputPricePerMTok", type: "number", required: false, label: "Input price", unit: "$ / M tokens", description: "List price in USD per million input tokens" },
    { name: "factsSource", type: "string", required: true, label: "Facts from" },
    { name: "checkedOn", type: "string", required: true, label: "Checked on" },
  ],
} satisfies z.input<typeof schemaJsonSchema>;

/** Where each provider's facts were read, and when they were last compared (see the header). */
const facts = {
  openai: { factsSource: "OpenAI platform docs: models and API pricing pages", checkedOn: "2025-11-20" },
  anthropic: { factsSource: "Anthropic docs: models overview, structured outputs, pricing", checkedOn: "2025-11-25" },
  google: { factsSource: "Google AI for Developers: Gemini models and pricing; Vertex AI locations", checkedOn: "2025-11-20" },
  meta: { factsSource: "Llama model cards; input price: Together AI serverless list price", checkedOn: "2025-08-31" },
  mistral: { factsSource: "Mistral AI docs: models overview and pricing", checkedOn: "2025-08-31" },
  deepseek: { factsSource: "DeepSeek API docs: models and pricing", checkedOn: "2025-08-31" },
  xai: { factsSource: "xAI docs: models and pricing", checkedOn: "2025-08-31" },
  cohere: { factsSource: "Cohere docs: models and pricing", checkedOn: "2025-08-31" },
  qwen: { factsSource: "Qwen model cards; Alibaba Cloud Model Studio pricing (Qwen-Max); Together AI list price (open weights)", checkedOn: "2025-08-31" },
  amazon: { factsSource: "Amazon Bedrock docs: Nova models, pricing and regions", checkedOn: "2025-08-31" },
  microsoft: { factsSource: "Phi model cards; Azure AI Foundry pricing", checkedOn: "2025-08-31" },
} as const;

const openai = { provider: "OpenAI", primaryRegion: "us", euDataResidency: true, openWeights: false, supportsStreaming: true, ...facts.openai } as const;
const anthropic = { provider: "Anthropic", primaryRegion: "us", euDataResidency: false, openWeights: false, supportsStreaming: true, ...facts.anthropic } as const;
const google = { provider: "Google", primaryRegion: "us", euDataResidency: true, openWeights: false, supportsStreaming: true, ...facts.google } as const;
// Open weights: constrained (JSON-schema) decoding is available wherever they are served (vLLM, hosted APIs).
const meta = { provider: "Meta", primaryRegion: "global", euDataResidency: false, openWeights: true, supportsStreaming: true, supportsStructuredOutputs: true, ...facts.meta } as const;
const mistral = { provider: "Mistral AI", primaryRegion: "eu", euDataResidency: true, supportsStreaming: true, supportsStructuredOutputs: true, ...facts.mistral } as const;
const deepseek = { provider: "DeepSeek", primaryRegion: "cn", euDataResidency: false, openWeights: true, supportsStreaming: true, ...facts.deepseek } as const;
const xai = { provider: "xAI", primaryRegion: "us", euDataResidency: false, openWeights: false, supportsStreaming: true, ...facts.xai } as const;
const cohere = { provider: "Cohere", primaryRegion: "ca", euDataResidency: false, openWeights: false, supportsStreaming: true, ...facts.cohere } as const;
const qwen = { provider: "Alibaba (Qwen)", primaryRegion: "cn", euDataResidency: false, supportsStreaming: true, ...facts.qwen } as const;
// Nova: EU processing through Bedrock's EU regions; JSON output through tool use, no schema-constrained mode.
const amazon = { provider: "Amazon", primaryRegion: "us", euDataResidency: true, openWeights: false, supportsStreaming: true, supportsStructuredOutputs: false, ...facts.amazon } as const;
const microsoft = { provider: "Microsoft", primaryRegion: "global", euDataResidency: true, openWeights: true, supportsStreaming: true, supportsStructuredOutputs: true, ...facts.microsoft } as const;

/** Facts left out on purpose because they are truly unknown (the engine shows them as "data missing"). */
export const UNKNOWN_FACTS: Record<string, string[]> = { "claude-3-5-haiku": ["supportsVision"] };

/** The demo's LLM catalogue (targets). */
export const MODELS: DemoModel[] = [
  // OpenAI
  // GPT-5.1 can answer without reasoning (reasoning effort "none"), unlike GPT-5.
  { ...openai, id: "gpt-5.1", displayName: "GPT-5.1", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 400_000, maxOutputTokens: 128_000, alwaysReasons: false, releaseMonth: "2025-11", inputPricePerMTok: 1.25 },
  { ...openai, id: "gpt-5", displayName: "GPT-5", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 400_000, maxOutputTokens: 128_000, alwaysReasons: true, releaseMonth: "2025-08", inputPricePerMTok: 1.25 },
  { ...openai, id: "gpt-5-mini", displayName: "GPT-5 mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 400_000, maxOutputTokens: 128_000, alwaysReasons: true, releaseMonth: "2025-08", inputPricePerMTok: 0.25 },
  { ...openai, id: "gpt-5-nano", displayName: "GPT-5 nano", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 400_000, maxOutputTokens: 128_000, alwaysReasons: true, releaseMonth: "2025-08", inputPricePerMTok: 0.05 },
  { ...openai, id: "gpt-4.1", displayName: "GPT-4.1", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_047_576, maxOutputTokens: 32_768, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 2.0 },
  { ...openai, id: "gpt-4.1-mini", displayName: "GPT-4.1 mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_047_576, maxOutputTokens: 32_768, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.4 },
  { ...openai, id: "gpt-4.1-nano", displayName: "GPT-4.1 nano", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_047_576, maxOutputTokens: 32_768, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.1 },
  { ...openai, id: "gpt-4o", displayName: "GPT-4o", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 128_000, maxOutputTokens: 16_384, alwaysReasons: false, releaseMonth: "2024-05", inputPricePerMTok: 2.5 },
  { ...openai, id: "gpt-4o-mini", displayName: "GPT-4o mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 128_000, maxOutputTokens: 16_384, alwaysReasons: false, releaseMonth: "2024-07", inputPricePerMTok: 0.15 },
  { ...openai, id: "o3", displayName: "o3", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 100_000, alwaysReasons: true, releaseMonth: "2025-04", inputPricePerMTok: 2.0 },
  { ...openai, id: "o4-mini", displayName: "o4-mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 100_000, alwaysReasons: true, releaseMonth: "2025-04", inputPricePerMTok: 1.1 },
  { ...openai, id: "o3-mini", displayName: "o3-mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 200_000, maxOutputTokens: 100_000, alwaysReasons: true, releaseMonth: "2025-01", inputPricePerMTok: 1.1 },
  // gpt-oss: OpenAI's Apache-2.0 weights; no first-party API price, served by many hosts.
  { ...openai, id: "gpt-oss-120b", displayName: "gpt-oss-120b", primaryRegion: "global", euDataResidency: false, factsSource: "gpt-oss model card; input price: Together AI serverless list price", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, maxOutputTokens: 131_072, alwaysReasons: true, releaseMonth: "2025-08", inputPricePerMTok: 0.15 },
  { ...openai, id: "gpt-oss-20b", displayName: "gpt-oss-20b", primaryRegion: "global", euDataResidency: false, factsSource: "gpt-oss model card; input price: Together AI serverless list price", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, maxOutputTokens: 131_072, alwaysReasons: true, releaseMonth: "2025-08", inputPricePerMTok: 0.05 },

  // Anthropic: schema-constrained output (public beta since 2025-11) on Opus 4.1 and the 4.5 models; older models use tool use instead.
  { ...anthropic, id: "claude-opus-4-5", displayName: "Claude Opus 4.5", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 64_000, alwaysReasons: false, releaseMonth: "2025-11", inputPricePerMTok: 5 },
  { ...anthropic, id: "claude-sonnet-4-5", displayName: "Claude Sonnet 4.5", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 64_000, alwaysReasons: false, releaseMonth: "2025-09", inputPricePerMTok: 3 },
  { ...anthropic, id: "claude-haiku-4-5", displayName: "Claude Haiku 4.5", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 64_000, alwaysReasons: false, releaseMonth: "2025-10", inputPricePerMTok: 1 },
  { ...anthropic, id: "claude-opus-4-1", displayName: "Claude Opus 4.1", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 32_000, alwaysReasons: false, releaseMonth: "2025-08", inputPricePerMTok: 15 },
  { ...anthropic, id: "claude-opus-4", displayName: "Claude Opus 4", supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 32_000, alwaysReasons: false, releaseMonth: "2025-05", inputPricePerMTok: 15 },
  { ...anthropic, id: "claude-sonnet-4", displayName: "Claude Sonnet 4", supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 64_000, alwaysReasons: false, releaseMonth: "2025-05", inputPricePerMTok: 3 },
  { ...anthropic, id: "claude-3-7-sonnet", displayName: "Claude 3.7 Sonnet", supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: true, contextWindow: 200_000, maxOutputTokens: 64_000, alwaysReasons: false, releaseMonth: "2025-02", inputPricePerMTok: 3 },
  // Image input for 3.5 Haiku was announced as "to follow" at launch and its status was never clear: unknown (see UNKNOWN_FACTS).
  { ...anthropic, id: "claude-3-5-haiku", displayName: "Claude 3.5 Haiku", supportsToolCalling: true, supportsStructuredOutputs: false, contextWindow: 200_000, maxOutputTokens: 8_192, alwaysReasons: false, releaseMonth: "2024-10", inputPricePerMTok: 0.8 },

  // Google (EU residency through Vertex AI regional endpoints)
  { ...google, id: "gemini-3-pro-preview", displayName: "Gemini 3 Pro (preview)", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_048_576, maxOutputTokens: 65_536, alwaysReasons: true, releaseMonth: "2025-11", inputPricePerMTok: 2 },
  { ...google, id: "gemini-2.5-pro", displayName: "Gemini 2.5 Pro", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_048_576, maxOutputTokens: 65_536, alwaysReasons: true, releaseMonth: "2025-06", inputPricePerMTok: 1.25 },
  { ...google, id: "gemini-2.5-flash", displayName: "Gemini 2.5 Flash", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_048_576, maxOutputTokens: 65_536, alwaysReasons: false, releaseMonth: "2025-06", inputPricePerMTok: 0.3 },
  { ...google, id: "gemini-2.5-flash-lite", displayName: "Gemini 2.5 Flash-Lite", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_048_576, maxOutputTokens: 65_536, alwaysReasons: false, releaseMonth: "2025-07", inputPricePerMTok: 0.1 },
  { ...google, id: "gemini-2.0-flash", displayName: "Gemini 2.0 Flash", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 1_048_576, maxOutputTokens: 8_192, alwaysReasons: false, releaseMonth: "2025-02", inputPricePerMTok: 0.1 },
  { ...google, id: "gemma-3-27b", displayName: "Gemma 3 27B", primaryRegion: "global", factsSource: "Gemma 3 model card; Vertex AI Model Garden (EU regions); input price: Together AI serverless list price", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 131_072, maxOutputTokens: 8_192, alwaysReasons: false, releaseMonth: "2025-03", inputPricePerMTok: 0.1 },

  // Meta: open weights; prices are a serverless host's (Meta's own Llama API has no public list price).
  { ...meta, id: "llama-4-maverick", displayName: "Llama 4 Maverick", supportsToolCalling: true, supportsVision: true, contextWindow: 1_000_000, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.27 },
  { ...meta, id: "llama-4-scout", displayName: "Llama 4 Scout", supportsToolCalling: true, supportsVision: true, contextWindow: 10_000_000, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.18 },
  { ...meta, id: "llama-3.3-70b", displayName: "Llama 3.3 70B", supportsToolCalling: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.88 },
  { ...meta, id: "llama-3.1-405b", displayName: "Llama 3.1 405B", supportsToolCalling: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2024-07", inputPricePerMTok: 3.5 },

  // Mistral AI (EU-hosted platform)
  { ...mistral, id: "mistral-medium-3", displayName: "Mistral Medium 3", openWeights: false, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-05", inputPricePerMTok: 0.4 },
  { ...mistral, id: "mistral-large-2411", displayName: "Mistral Large 24.11", openWeights: false, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2024-11", inputPricePerMTok: 2 },
  { ...mistral, id: "mistral-small-3.2", displayName: "Mistral Small 3.2", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-06", inputPricePerMTok: 0.1 },
  { ...mistral, id: "devstral-small", displayName: "Devstral Small", openWeights: true, supportsToolCalling: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-05", inputPricePerMTok: 0.1 },
  { ...mistral, id: "magistral-medium", displayName: "Magistral Medium", openWeights: false, supportsToolCalling: true, supportsVision: false, contextWindow: 40_000, alwaysReasons: true, releaseMonth: "2025-06", inputPricePerMTok: 2 },

  // DeepSeek: its API offers JSON mode but not schema-constrained output.
  { ...deepseek, id: "deepseek-v3", displayName: "DeepSeek-V3", supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: false, contextWindow: 131_072, maxOutputTokens: 8_192, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.27 },
  // Tool calling arrived with the R1-0528 update.
  { ...deepseek, id: "deepseek-r1", displayName: "DeepSeek-R1", supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: false, contextWindow: 131_072, alwaysReasons: true, releaseMonth: "2025-01", inputPricePerMTok: 0.55 },

  // xAI
  { ...xai, id: "grok-4", displayName: "Grok 4", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: true, contextWindow: 256_000, alwaysReasons: true, releaseMonth: "2025-07", inputPricePerMTok: 3 },
  { ...xai, id: "grok-3", displayName: "Grok 3", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 3 },
  { ...xai, id: "grok-3-mini", displayName: "Grok 3 mini", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: true, releaseMonth: "2025-04", inputPricePerMTok: 0.3 },

  // Cohere (Command weights are non-commercial, hence not "open" here)
  { ...cohere, id: "command-a", displayName: "Command A", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 256_000, maxOutputTokens: 8_000, alwaysReasons: false, releaseMonth: "2025-03", inputPricePerMTok: 2.5 },
  { ...cohere, id: "command-r-plus", displayName: "Command R+ (08-2024)", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 128_000, maxOutputTokens: 4_000, alwaysReasons: false, releaseMonth: "2024-08", inputPricePerMTok: 2.5 },
  { ...cohere, id: "command-r7b", displayName: "Command R7B", supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 128_000, maxOutputTokens: 4_000, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.0375 },

  // Alibaba (Qwen): Qwen3 is hybrid (thinking can be switched off); 131k context via YaRN.
  { ...qwen, id: "qwen3-235b-a22b", displayName: "Qwen3 235B-A22B", primaryRegion: "global", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.2 },
  { ...qwen, id: "qwen3-32b", displayName: "Qwen3 32B", primaryRegion: "global", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 0.1 },
  { ...qwen, id: "qwen3-coder-480b-a35b", displayName: "Qwen3-Coder 480B-A35B", primaryRegion: "global", openWeights: true, supportsToolCalling: true, supportsStructuredOutputs: true, supportsVision: false, contextWindow: 262_144, alwaysReasons: false, releaseMonth: "2025-07", inputPricePerMTok: 2 },
  // Qwen-Max: JSON mode, not schema-constrained output.
  { ...qwen, id: "qwen-max", displayName: "Qwen-Max (Qwen2.5-Max)", openWeights: false, supportsToolCalling: true, supportsStructuredOutputs: false, supportsVision: false, contextWindow: 32_768, maxOutputTokens: 8_192, alwaysReasons: false, releaseMonth: "2025-01", inputPricePerMTok: 1.6 },

  // Amazon Nova (Bedrock)
  { ...amazon, id: "nova-premier", displayName: "Amazon Nova Premier", supportsToolCalling: true, supportsVision: true, contextWindow: 1_000_000, alwaysReasons: false, releaseMonth: "2025-04", inputPricePerMTok: 2.5 },
  { ...amazon, id: "nova-pro", displayName: "Amazon Nova Pro", supportsToolCalling: true, supportsVision: true, contextWindow: 300_000, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.8 },
  { ...amazon, id: "nova-lite", displayName: "Amazon Nova Lite", supportsToolCalling: true, supportsVision: true, contextWindow: 300_000, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.06 },
  { ...amazon, id: "nova-micro", displayName: "Amazon Nova Micro", supportsToolCalling: true, supportsVision: false, contextWindow: 128_000, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.035 },

  // Microsoft Phi (MIT-licensed small models)
  { ...microsoft, id: "phi-4", displayName: "Phi-4", supportsToolCalling: false, supportsVision: false, contextWindow: 16_384, alwaysReasons: false, releaseMonth: "2024-12", inputPricePerMTok: 0.125 },
  { ...microsoft, id: "phi-4-mini", displayName: "Phi-4-mini", supportsToolCalling: true, supportsVision: false, contextWindow: 131_072, alwaysReasons: false, releaseMonth: "2025-02", inputPricePerMTok: 0.075 },
];
