/**
 * SOURCES of the demo organization: archetypes of AI-powered apps and what they need from a
 * model. These are generic patterns, not real products. The Finder cascades
 * category → client type → app.
 *
 * A need that is absent means "doesn't matter": the demo rules treat a missing `needsX` as
 * false, so leaving a field out never turns a verdict into "unknown".
 */
import type { z } from "zod";
import type { schemaJsonSchema } from "~/server/catalog/schema-json";

export const CATEGORIES = [
  "Chat assistant",
  "Coding assistant",
  "Customer support",
  "Document analysis",
  "Voice agent",
  "Data extraction",
  "Agentic automation",
  "Content generation",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CLIENT_TYPES = ["web", "desktop", "mobile", "backend"] as const;
export type ClientType = (typeof CLIENT_TYPES)[number];
export const CLIENT_TYPE_LABELS: Record<ClientType, string> = { web: "Web app", desktop: "Desktop app", mobile: "Mobile app", backend: "Backend service" };

/** Where the app's data must stay: 'eu' requires EU data residency (or self-hostable weights). */
export const APP_REGIONS = ["eu", "us", "any"] as const;
export type AppRegion = (typeof APP_REGIONS)[number];
export const APP_REGION_LABELS: Record<AppRegion, string> = { eu: "EU only", us: "US", any: "Anywhere" };

/** One app archetype (a source row). Field names are the source schema's fields. */
export interface DemoApp {
  id: string;
  name: string;
  category: Category;
  clientType: ClientType;
  needsStreaming?: boolean;
  needsToolCalling?: boolean;
  needsStructuredOutputs?: boolean;
  needsVision?: boolean;
  /** Smallest context window (tokens) the app can live with. */
  minContextTokens: number;
  region?: AppRegion;
  /** Time-to-first-token budget; under 2 s the demo prefers models that don't always reason. */
  maxLatencyMs?: number;
  requiresOpenWeights?: boolean;
  /** Budget ceiling, USD per million input tokens. */
  maxInputPricePerMTok?: number;
}

/** The source schema the demo registers (the worked example of docs/architecture.md, with a second cascade level). */
export const SOURCE_SCHEMA = {
  keyField: "id",
  labelField: "name",
  dimensions: ["category", "clientType"],
  fields: [
    { name: "id", type: "string", required: true, label: "ID" },
    { name: "name", type: "string", required: true, label: "App" },
    { name: "category", type: "enum", required: true, options: [...CATEGORIES], label: "Category" },
    { name: "clientType", type: "enum", required: true, options: [...CLIENT_TYPES], label: "Client type", optionLabels: CLIENT_TYPE_LABELS },
    { name: "needsStreaming", type: "boolean", required: false, label: "Needs streaming" },
    { name: "needsToolCalling", type: "boolean", required: false, label: "Needs tool calling" },
    { name: "needsStructuredOutputs", type: "boolean", required: false, label: "Needs structured outputs" },
    { name: "needsVision", type: "boolean", required: false, label: "Needs image input" },
    { name: "minContextTokens", type: "number", required: true, label: "Context it needs", unit: "tokens" },
    { name: "region", type: "enum", required: false, options: [...APP_REGIONS], label: "Data region", optionLabels: APP_REGION_LABELS },
    { name: "maxLatencyMs", type: "number", required: false, label: "Latency budget", unit: "ms" },
    { name: "requiresOpenWeights", type: "boolean", required: false, label: "Must self-host" },
    { name: "maxInputPricePerMTok", type: "number", required: false, label: "Budget", unit: "$ / M input tokens" },
  ],
} satisfies z.input<typeof schemaJsonSchema>;

/** The demo's app archetypes (sources). */
export const APPS: DemoApp[] = [
  // Chat assistant
  { id: "general-chat-web", name: "General-purpose chat assistant", category: "Chat assistant", clientType: "web", needsStreaming: true, needsToolCalling: true, needsVision: true, minContextTokens: 32_000 },
  { id: "companion-chat-mobile", name: "Mobile chat companion", category: "Chat assistant", clientType: "mobile", needsStreaming: true, needsVision: true, minContextTokens: 16_000, maxLatencyMs: 1_500 },
  { id: "private-chat-desktop", name: "Offline private chat", category: "Chat assistant", clientType: "desktop", needsStreaming: true, minContextTokens: 8_000, requiresOpenWeights: true },
  { id: "eu-employee-assistant", name: "EU internal employee assistant", category: "Chat assistant", clientType: "web", needsStreaming: true, needsToolCalling: true, minContextTokens: 32_000, region: "eu" },
  { id: "faq-chat-widget", name: "Low-cost FAQ chat widget", category: "Chat assistant", clientType: "web", needsStreaming: true, needsToolCalling: false, minContextTokens: 8_000, maxInputPricePerMTok: 0.5 },

  // Coding assistant
  { id: "ide-inline-completion", name: "IDE inline code completion", category: "Coding assistant", clientType: "desktop", needsStreaming: true, minContextTokens: 16_000, maxLatencyMs: 500, maxInputPricePerMTok: 1 },
  { id: "ide-coding-agent", name: "IDE coding agent", category: "Coding assistant", clientType: "desktop", needsStreaming: true, needsToolCalling: true, minContextTokens: 128_000 },
  { id: "pr-review-bot", name: "Pull-request review bot", category: "Coding assistant", clientType: "backend", needsStreaming: false, needsToolCalling: true, needsStructuredOutputs: true, minContextTokens: 100_000 },
  { id: "repo-qa-portal", name: "Repository Q&A portal", category: "Coding assistant", clientType: "web", needsStreaming: true, needsToolCalling: true, minContextTokens: 200_000 },
  { id: "onprem-code-assistant", name: "On-prem code assistant", category: "Coding assistant", clientType: "desktop", needsStreaming: true, needsToolCalling: true, minContextTokens: 32_000, requiresOpenWeights: true },

  // Customer support
  { id: "support-chatbot-web", name: "Support chatbot", category: "Customer support", clientType: "web", needsStreaming: true, needsToolCalling: true, minContextTokens: 16_000, maxLatencyMs: 2_000 },
  { id: "support-chat-mobile", name: "In-app support chat with screenshots", category: "Customer support", clientType: "mobile", needsStreaming: true, needsToolCalling: true, needsVision: true, minContextTokens: 16_000 },
  { id: "ticket-triage", name: "Ticket triage and routing", category: "Customer support", clientType: "backend", needsStreaming: false, needsStructuredOutputs: true, minContextTokens: 8_000, maxInputPricePerMTok: 0.5 },
  { id: "eu-retail-support", name: "EU retail support agent", category: "Customer support", clientType: "web", needsStreaming: true, needsToolCalling: true, minContextTokens: 32_000, region: "eu" },
  { id: "helpdesk-reply-drafter", name: "Help-desk reply drafter", category: "Customer support", clientType: "desktop", needsStreaming: true, minContextTokens: 32_000 },

  // Document analysis
  { id: "eu-legal-reviewer", name: "EU legal document reviewer", category: "Document analysis", clientType: "web", needsStreaming: true, needsStructuredOutputs: true, minContextTokens: 200_000, region: "eu" },
  { id: "contract-summarizer", name: "Contract summarizer", category: "Document analysis", clientType: "desktop", needsStreaming: true, minContextTokens: 128_000 },
  { id: "research-paper-reader", name: "Research paper reader with figures", category: "Document analysis", clientType: "web", needsStreaming: true, needsVision: true, minContextTokens: 128_000 },
  { id: "financial-report-analyst", name: "Financial report analyst", category: "Document analysis", clientType: "backend", needsStreaming: false, needsToolCalling: true, needsStructuredOutputs: true, needsVision: true, minContextTokens: 500_000 },
  { id: "scanned-letter-reader", name: "Scanned letter reader", category: "Document analysis", clientType: "mobile", needsStructuredOutputs: true, needsVision: true, minContextTokens: 8_000 },

  // Voice agent (text model behind speech-to-text / text-to-speech)
  { id: "phone-receptionist", name: "Phone receptionist voice agent", category: "Voice agent", clientType: "backend", needsStreaming: true, needsToolCalling: true, minContextTokens: 8_000, maxLatencyMs: 800 },
  { id: "in-car-assistant", name: "In-car voice assistant", category: "Voice agent", clientType: "mobile", needsStreaming: true, needsToolCalling: true, minContextTokens: 8_000, maxLatencyMs: 700 },
  { id: "eu-clinic-appointments", name: "EU clinic appointment voice bot", category: "Voice agent", clientType: "backend", needsStreaming: true, needsToolCalling: true, minContextTokens: 8_000, region: "eu", maxLatencyMs: 1_000 },

  // Data extraction
  { id: "invoice-extractor", name: "Invoice data extractor", category: "Data extraction", clientType: "backend", needsStreaming: false, needsStructuredOutputs: true, needsVision: true, minContextTokens: 16_000, maxInputPricePerMTok: 1 },
  { id: "resume-parser", name: "Resume parser", category: "Data extraction", clientType: "backend", needsStreaming: false, needsStructuredOutputs: true, minContextTokens: 16_000 },
  { id: "receipt-scanner", name: "Receipt scanner", category: "Data extraction", clientType: "mobile", needsStructuredOutputs: true, needsVision: true, minContextTokens: 4_000 },
  { id: "catalog-normalizer", name: "Product catalogue normalizer", category: "Data extraction", clientType: "backend", needsStructuredOutputs: true, minContextTokens: 32_000, maxInputPricePerMTok: 0.3 },
  { id: "onprem-pii-redactor", name: "On-prem PII redaction pipeline", category: "Data extraction", clientType: "backend", needsStructuredOutputs: true, minContextTokens: 32_000, region: "eu", requiresOpenWeights: true },

  // Agentic automation
  { id: "browser-agent", name: "Browser automation agent", category: "Agentic automation", clientType: "desktop", needsStreaming: true, needsToolCalling: true, needsStructuredOutputs: true, needsVision: true, minContextTokens: 128_000 },
  { id: "crm-workflow-agent", name: "CRM workflow agent", category: "Agentic automation", clientType: "backend", needsToolCalling: true, needsStructuredOutputs: true, minContextTokens: 64_000 },
  { id: "sql-analyst-agent", name: "SQL data analyst agent", category: "Agentic automation", clientType: "web", needsStreaming: true, needsToolCalling: true, needsStructuredOutputs: true, minContextTokens: 128_000 },
  { id: "ops-runbook-agent", name: "Self-hosted ops runbook agent", category: "Agentic automation", clientType: "backend", needsToolCalling: true, minContextTokens: 64_000, requiresOpenWeights: true },

  // Content generation
  { id: "marketing-copy", name: "Marketing copy generator", category: "Content generation", clientType: "web", needsStreaming: true, minContextTokens: 16_000, maxInputPricePerMTok: 3 },
  { id: "long-form-studio", name: "Long-form writing studio", category: "Content generation", clientType: "desktop", needsStreaming: true, minContextTokens: 200_000 },
  { id: "batch-product-descriptions", name: "Batch product descriptions", category: "Content generation", clientType: "backend", needsStreaming: false, needsStructuredOutputs: true, minContextTokens: 8_000, maxInputPricePerMTok: 0.2 },
  { id: "image-captioner", name: "Social image captioner", category: "Content generation", clientType: "mobile", needsStreaming: true, needsVision: true, minContextTokens: 8_000 },
];
