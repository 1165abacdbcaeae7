import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";
import { csv, makeDataset } from "./test-fixtures";
import type { Side } from "./tables";

const content: Record<Side, string> = {
  source: csv("id,name,vendor,family,model", "p1,Pixel,Google,phone,P8"),
  target: csv("id,displayName", "m1,Model 1"),
};
const router = (a: TestOrg, side: Side) => (side === "source" ? a.caller.sources : a.caller.targets);

/** Organization A's dataset, with one row imported. */
async function filled(a: TestOrg, side: Side) {
  const made = await makeDataset(a, side);
  const res = await made.router.datasets.import({ datasetId: made.ds.id, format: "csv", content: content[side], wait: true });
  return { ...made, importId: res.importId };
}

function casesFor(side: Side): IsolationCase[] {
  const p = side === "source" ? "sources" : "targets";
  return [
    { path: `${p}.definitions.get`, setup: async (a) => ({ id: (await makeDataset(a, side)).def.id }) },
    { path: `${p}.definitions.update`, setup: async (a) => ({ id: (await makeDataset(a, side)).def.id, name: "Renamed" }) },
    {
      path: `${p}.definitions.delete`,
      async setup(a) {
        const def = await router(a, side).definitions.create({ slug: `lonely-${Date.now().toString(36)}`, name: "Lonely", schema: { fields: [{ name: "id", type: "string", required: true }] } });
        return { id: def.id };
      },
    },
    { path: `${p}.datasets.list`, setup: async (a) => ({ definitionId: (await makeDataset(a, side)).def.id }) },
    { path: `${p}.datasets.create`, setup: async (a) => ({ definitionId: (await makeDataset(a, side)).def.id, name: "Another" }) },
    { path: `${p}.datasets.get`, setup: async (a) => ({ id: (await filled(a, side)).ds.id }) },
    { path: `${p}.datasets.delete`, setup: async (a) => ({ id: (await filled(a, side)).ds.id }) },
    { path: `${p}.datasets.rows`, setup: async (a) => ({ datasetId: (await filled(a, side)).ds.id }) },
    { path: `${p}.datasets.import`, setup: async (a) => ({ datasetId: (await makeDataset(a, side)).ds.id, format: "csv", content: content[side], wait: true }) },
    { path: `${p}.imports.get`, setup: async (a) => ({ id: (await filled(a, side)).importId }) },
    { path: `${p}.imports.list`, setup: async (a) => ({ datasetId: (await filled(a, side)).ds.id }) },
  ];
}

export const isolationCases: IsolationCase[] = [
  ...casesFor("source"),
  ...casesFor("target"),
  { path: "sources.dimensions.options", setup: async (a) => ({ datasetId: (await filled(a, "source")).ds.id, path: [] }) },
];
