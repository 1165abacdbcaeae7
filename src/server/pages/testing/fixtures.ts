/**
 * Test fixtures for the pages domain: the AI-client ↔ LLM worked example (docs/architecture.md),
 * seeded through the catalog procedures, as a script would.
 */
import type { TestOrg } from "~/test/helpers";

export const sourceSchema = {
  dimensions: ["clientType"],
  fields: [
    { name: "id", type: "string", required: true },
    { name: "name", type: "string", required: true },
    { name: "clientType", type: "enum", required: true, options: ["web", "desktop", "mobile", "backend"] },
    { name: "needsStreaming", type: "boolean", required: false },
    { name: "needsToolCalling", type: "boolean", required: false },
    { name: "needsStructuredOutputs", type: "boolean", required: false },
    { name: "region", type: "string", required: false },
    { name: "maxLatencyMs", type: "number", required: false },
  ],
  labelField: "name",
} as const;

export const targetSchema = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "displayName", type: "string", required: true },
    { name: "provider", type: "string", required: true },
    { name: "supportsStreaming", type: "boolean", required: true },
    { name: "supportsToolCalling", type: "boolean", required: true },
    { name: "supportsStructuredOutputs", type: "boolean", required: false },
    { name: "primaryRegion", type: "string", required: false },
    { name: "maxTokens", type: "number", required: false },
  ],
  labelField: "displayName",
} as const;

export const sourceCsv = [
  "id,name,clientType,needsStreaming,needsToolCalling",
  "t3chat,t3.chat,web,true,true",
  "myapp,MyApp,desktop,false,false",
  "batch,Batch Worker,backend,false,true",
].join("\n");

export const targetCsv = [
  "id,displayName,provider,supportsStreaming,supportsToolCalling",
  "gpt41,GPT-4.1,openai,true,true",
  "gpt41mini,GPT-4.1 mini,openai,true,false",
  "claude37,Claude 3.7,anthropic,true,true",
  "llama33,Llama 3.3,meta,false,true",
].join("\n");

/** The worked example's three rules (docs/architecture.md#the-worked-example). */
export const exampleRules = [
  {
    name: "Streaming Support",
    required: true,
    weight: 1,
    logic: {
      or: [
        { "==": [{ var: "source.needsStreaming" }, false] },
        { and: [{ "==": [{ var: "source.needsStreaming" }, true] }, { "==": [{ var: "target.supportsStreaming" }, true] }] },
      ],
    },
  },
  {
    name: "Tool Calling Support",
    required: false,
    weight: 2,
    logic: {
      or: [
        { "==": [{ var: "source.needsToolCalling" }, false] },
        { and: [{ "==": [{ var: "source.needsToolCalling" }, true] }, { "==": [{ var: "target.supportsToolCalling" }, true] }] },
      ],
    },
  },
  { name: "OpenAI Provider Required", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "openai"] } },
];

type Caller = TestOrg["caller"];

/** Creates a definition and a dataset on one side and imports `csv` into it (waiting for completion). */
export async function seedDataset(caller: Caller, side: "sources" | "targets", schema: unknown, csv: string, name: string = side) {
  const api = caller[side];
  const def = await api.definitions.create({ slug: `${name}-${Math.random().toString(36).slice(2, 8)}`, name, schema });
  const ds = await api.datasets.create({ definitionId: def.id, name });
  const run = await api.datasets.import({ datasetId: ds.id, format: "csv", content: csv, wait: true });
  if (run.import?.status !== "completed") throw new Error(`seed import failed: ${JSON.stringify(run.import)}`);
  return ds.id;
}

/** Re-imports a dataset's rows (a new version). */
export async function reimport(caller: Caller, side: "sources" | "targets", datasetId: number, csv: string, mode: "upsert" | "replace" = "replace") {
  const run = await caller[side].datasets.import({ datasetId, format: "csv", content: csv, mode, wait: true });
  if (run.import?.status !== "completed") throw new Error(`re-import failed: ${JSON.stringify(run.import)}`);
  return run;
}

/** The example catalog and a page over it, with the example rules. */
export async function seedExamplePage(org: TestOrg, opts: { template?: "finder" | "matrix"; slug?: string; rules?: boolean } = {}) {
  const sourceDatasetId = await seedDataset(org.caller, "sources", sourceSchema, sourceCsv, "clients");
  const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, targetCsv, "models");
  const page = await org.caller.pages.create({
    slug: opts.slug ?? "llm-finder",
    name: "Which LLM works with my app?",
    template: opts.template ?? "finder",
    sourceDatasetId,
    targetDatasetId,
  });
  const rules = [];
  if (opts.rules !== false) {
    for (const r of exampleRules) rules.push(await org.caller.rules.create({ pageId: page.id, ...r }));
  }
  return { page, sourceDatasetId, targetDatasetId, rules };
}
