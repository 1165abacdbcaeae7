import type { ApiClient } from "~/trpc/client";

/** A row of the "apps" source dataset (`kind` is its one dimension). */
export interface AppRow {
  id: string;
  name: string;
  kind: string;
}

/** A row of the "models" target dataset. */
export interface ModelRow {
  id: string;
  label: string;
  tools: boolean;
}

/**
 * A draft Finder page made through the API client as a customer would: an "apps" source and a
 * "models" target, each a definition and one dataset holding `rows`. Rules and publishing are the
 * caller's, since they are what each test is about.
 */
export async function createAppsModelsPage(api: ApiClient, page: { slug: string; name: string }, rows: { apps: AppRow[]; models: ModelRow[] }) {
  const source = await api.sources.definitions.create.mutate({
    slug: "apps",
    name: "Apps",
    schema: { dimensions: ["kind"], labelField: "name", fields: [{ name: "id", type: "string", required: true }, { name: "name", type: "string", required: true }, { name: "kind", type: "string", required: true }] },
  });
  const target = await api.targets.definitions.create.mutate({
    slug: "models",
    name: "Models",
    schema: { labelField: "label", fields: [{ name: "id", type: "string", required: true }, { name: "label", type: "string", required: true }, { name: "tools", type: "boolean", required: false }] },
  });
  const sds = await api.sources.datasets.create.mutate({ definitionId: source.id, name: "Apps" });
  const tds = await api.targets.datasets.create.mutate({ definitionId: target.id, name: "Models" });
  await api.sources.datasets.import.mutate({ datasetId: sds.id, format: "json", wait: true, content: JSON.stringify(rows.apps) });
  await api.targets.datasets.import.mutate({ datasetId: tds.id, format: "json", wait: true, content: JSON.stringify(rows.models) });
  return api.pages.create.mutate({ ...page, template: "finder", sourceDatasetId: sds.id, targetDatasetId: tds.id });
}
