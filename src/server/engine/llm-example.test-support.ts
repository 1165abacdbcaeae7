import { parseDevicePolicy } from "./policy";
import type { Messaging, RuleSpec, SchemaView, SourceRecord, TargetRecord } from "./types";

/** The product's worked example: AI apps as sources, LLMs as targets, three rules (docs/architecture.md#the-worked-example). */

export const appSchema: SchemaView = {
  fields: [
    { name: "id", type: "string" },
    { name: "name", type: "string" },
    { name: "clientType", type: "enum", options: ["web", "desktop", "mobile", "backend"] },
    { name: "needsStreaming", type: "boolean" },
    { name: "needsToolCalling", type: "boolean" },
    { name: "region", type: "string" },
    { name: "maxLatencyMs", type: "number" },
  ],
};

export const modelSchema: SchemaView = {
  fields: [
    { name: "id", type: "string" },
    { name: "displayName", type: "string" },
    { name: "provider", type: "string" },
    { name: "supportsStreaming", type: "boolean" },
    { name: "supportsToolCalling", type: "boolean" },
    { name: "tier", type: "enum", options: ["free", "pro"] },
    { name: "maxTokens", type: "number" },
  ],
};

export const streamingRule: RuleSpec = {
  id: "streaming",
  name: "Streaming Support",
  required: true,
  weight: 1,
  category: "capabilities",
  logic: {
    or: [
      { "==": [{ var: "source.needsStreaming" }, false] },
      { and: [{ "==": [{ var: "source.needsStreaming" }, true] }, { "==": [{ var: "target.supportsStreaming" }, true] }] },
    ],
  },
};

export const toolCallingRule: RuleSpec = {
  id: "tools",
  name: "Tool Calling Support",
  required: false,
  weight: 2,
  category: "capabilities",
  logic: {
    or: [
      { "==": [{ var: "source.needsToolCalling" }, false] },
      { and: [{ "==": [{ var: "source.needsToolCalling" }, true] }, { "==": [{ var: "target.supportsToolCalling" }, true] }] },
    ],
  },
};

export const openAiRule: RuleSpec = {
  id: "openai",
  name: "OpenAI Provider Required",
  required: true,
  weight: 1,
  category: null,
  logic: { "==": [{ var: "target.provider" }, "openai"] },
};

export const specRules = [streamingRule, toolCallingRule, openAiRule];

function app(key: string, clientType: string, attrs: Record<string, unknown>): SourceRecord {
  return { key, label: key, dims: { clientType }, attrs: { id: key, name: key, clientType, ...attrs } };
}

export const apps = {
  /** Needs streaming and tools. */
  chatWeb: app("chat-web", "web", { needsStreaming: true, needsToolCalling: true }),
  /** Needs neither. */
  batchBackend: app("batch-backend", "backend", { needsStreaming: false, needsToolCalling: false }),
  /** Needs streaming; whether it needs tools was never filled in. */
  mobileLite: app("mobile-lite", "mobile", { needsStreaming: true }),
};

function model(key: string, label: string, attrs: Record<string, unknown>): TargetRecord {
  return { key, label, attrs: { id: key, displayName: label, ...attrs } };
}

export const models = {
  gpt4o: model("gpt-4o", "GPT-4o", { provider: "openai", supportsStreaming: true, supportsToolCalling: true }),
  gpt35: model("gpt-3.5-instruct", "GPT-3.5 Instruct", { provider: "openai", supportsStreaming: true, supportsToolCalling: false }),
  o1batch: model("o1-batch", "o1 batch", { provider: "openai", supportsStreaming: false, supportsToolCalling: true }),
  claude: model("claude-3-5-sonnet", "Claude 3.5 Sonnet", { provider: "anthropic", supportsStreaming: true, supportsToolCalling: true }),
  /** An OpenAI model whose streaming support is not recorded. */
  mystery: model("mystery", "Mystery model", { provider: "openai", supportsToolCalling: true }),
};

export const allModels = Object.values(models);

export const messaging: Messaging = {
  headline2: "Fully compatible models available",
  headline1: "Only partially compatible models",
  headline0: "No compatible model",
};

export const finderPolicy = parseDevicePolicy({});
