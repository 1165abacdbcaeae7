/**
 * The demo's compatibility rules (the worked example of docs/architecture.md, extended) and overrides.
 *
 * Every rule starts with "the app doesn't need it" as its first `or` branch, written with `!`
 * so that an absent source field counts as "not needed": json-logic-js gives `!null === true`,
 * whereas the spec's `{"==": [var, false]}` would fail on a missing field (`null == false` is
 * false in JS) and make the pair "unknown" for no reason. A rule stays unknown only when the
 * app needs something and the model's side of the fact is missing.
 *
 * The spec's "OpenAI Provider Required" is deliberately not a rule here: globally it would make
 * every other provider incompatible. The per-pair overrides below show the escape hatch instead.
 */

/** A rule as the demo sends it to `rules.create` (the page id is added by the seed). */
export interface DemoRule {
  name: string;
  /** Shown to end users beside the feature in the breakdown. */
  description: string;
  required: boolean;
  /** Weight of an optional rule in the score; ignored for required rules. */
  weight: number;
  category: string;
  logic: Record<string, unknown>;
}

const v = (name: string) => ({ var: name });
/** "The app doesn't need `need`, or the model has `has` === true". */
const needs = (need: string, has: string) => ({
  or: [{ "!": v(`source.${need}`) }, { "==": [v(`target.${has}`), true] }],
});

export const RULES: DemoRule[] = [
  {
    name: "Streaming Support",
    description: "Apps that stream tokens to the user need a model that streams.",
    required: true,
    weight: 1,
    category: "Capabilities",
    logic: needs("needsStreaming", "supportsStreaming"),
  },
  {
    name: "Tool Calling Support",
    description: "Apps that call functions or APIs work best with native tool calling.",
    required: false,
    weight: 2,
    category: "Capabilities",
    logic: needs("needsToolCalling", "supportsToolCalling"),
  },
  {
    name: "Structured Outputs",
    description: "Apps that parse the answer need output constrained to a JSON schema.",
    required: true,
    weight: 1,
    category: "Capabilities",
    logic: needs("needsStructuredOutputs", "supportsStructuredOutputs"),
  },
  {
    name: "Image Input (Vision)",
    description: "Apps that send screenshots, scans or photos need image input.",
    required: true,
    weight: 1,
    category: "Capabilities",
    logic: needs("needsVision", "supportsVision"),
  },
  {
    name: "Context Window",
    description: "The model's context window must hold the app's largest prompt.",
    required: true,
    weight: 1,
    category: "Limits",
    logic: { or: [{ "!": v("source.minContextTokens") }, { ">=": [v("target.contextWindow"), v("source.minContextTokens")] }] },
  },
  {
    // Open weights count: the app's owner can self-host them inside the EU.
    name: "EU Data Residency",
    description: "EU-only apps need EU processing, or open weights to self-host in the EU.",
    required: true,
    weight: 1,
    category: "Compliance",
    logic: {
      or: [{ "!=": [v("source.region"), "eu"] }, { "==": [v("target.euDataResidency"), true] }, { "==": [v("target.openWeights"), true] }],
    },
  },
  {
    name: "Self-hostable (Open Weights)",
    description: "Apps that must run on their own hardware need commercially usable open weights.",
    required: false,
    weight: 3,
    category: "Compliance",
    logic: needs("requiresOpenWeights", "openWeights"),
  },
  {
    // A missing price must not read as free (`null <= x` is true in JS), so it is tested first.
    name: "Within Budget",
    description: "The model's input price fits the app's budget (unknown when no list price).",
    required: false,
    weight: 1,
    category: "Cost",
    logic: {
      or: [
        { "!": v("source.maxInputPricePerMTok") },
        { and: [{ "!=": [v("target.inputPricePerMTok"), null] }, { "<=": [v("target.inputPricePerMTok"), v("source.maxInputPricePerMTok")] }] },
      ],
    },
  },
  {
    // Always-reasoning models spend seconds thinking before the first token.
    name: "Low-latency Friendly",
    description: "Apps with a latency budget under 2 s prefer models that can answer without reasoning first.",
    required: false,
    weight: 1,
    category: "Performance",
    logic: {
      or: [{ "!": v("source.maxLatencyMs") }, { ">=": [v("source.maxLatencyMs"), 2000] }, { "!": v("target.alwaysReasons") }],
    },
  },
];

/** A per-pair override as the demo sends it to `overrides.upsert`. */
export interface DemoOverride {
  sourceKey: string;
  targetKey: string;
  verdict: 0 | 1 | 2;
  note: string;
}

export const OVERRIDES: DemoOverride[] = [
  {
    sourceKey: "eu-legal-reviewer",
    targetKey: "claude-sonnet-4",
    verdict: 1,
    note: "Served through our EU-region cloud proxy under the firm's DPA, so residency is covered; structured output is done via tool use, which our reviewers accepted as a partial fit.",
  },
  {
    sourceKey: "invoice-extractor",
    targetKey: "gpt-4.1-nano",
    verdict: 1,
    note: "Passes every rule, but missed line items on our scanned-invoice benchmark; prefer GPT-4.1 mini.",
  },
];
