import { expect } from "vitest";
import type { IsolationCase } from "~/server/api/isolation/cases";
import { codeOf } from "~/test/trpc-errors";
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
  const gone = async (p: Promise<unknown>) => expect(await codeOf(p)).toBe("NOT_FOUND");
  return [
    { path: `${p}.definitions.get`, setup: async (a) => ({ id: (await makeDataset(a, side)).def.id }), expect: (d, i) => expect(d).toMatchObject({ id: i.id }) },
    {
      path: `${p}.definitions.update`,
      setup: async (a) => ({ id: (await makeDataset(a, side)).def.id, name: "Renamed" }),
      async expect(d, i, owner) {
        expect(d).toMatchObject({ id: i.id, name: "Renamed" });
        expect((await router(owner, side).definitions.get({ id: i.id })).name).toBe("Renamed");
      },
    },
    {
      path: `${p}.definitions.delete`,
      async setup(a) {
        const def = await router(a, side).definitions.create({ slug: `lonely-${Date.now().toString(36)}`, name: "Lonely", schema: { fields: [{ name: "id", type: "string", required: true }] } });
        return { id: def.id };
      },
      async expect(value, i, owner) {
        expect(value).toEqual({ id: i.id });
        await gone(router(owner, side).definitions.get({ id: i.id }));
      },
    },
    { path: `${p}.datasets.list`, setup: async (a) => ({ definitionId: (await makeDataset(a, side)).def.id }), expect: (list) => expect(list).toHaveLength(1) },
    {
      path: `${p}.datasets.create`,
      setup: async (a) => ({ definitionId: (await makeDataset(a, side)).def.id, name: "Another" }),
      async expect(ds, i, owner) {
        expect(ds).toMatchObject({ definitionId: i.definitionId, name: "Another", rowCount: 0 });
        expect(await router(owner, side).datasets.list({ definitionId: i.definitionId })).toHaveLength(2);
      },
    },
    { path: `${p}.datasets.get`, setup: async (a) => ({ id: (await filled(a, side)).ds.id }), expect: (ds, i) => expect(ds).toMatchObject({ id: i.id, rowCount: 1 }) },
    {
      path: `${p}.datasets.delete`,
      setup: async (a) => ({ id: (await filled(a, side)).ds.id }),
      async expect(value, i, owner) {
        expect(value).toEqual({ id: i.id, rowsRemoved: 1 });
        await gone(router(owner, side).datasets.get({ id: i.id }));
      },
    },
    { path: `${p}.datasets.rows`, setup: async (a) => ({ datasetId: (await filled(a, side)).ds.id }), expect: (r) => expect(r.rows ?? r.items ?? r).toHaveLength(1) },
    {
      path: `${p}.datasets.import`,
      setup: async (a) => ({ datasetId: (await makeDataset(a, side)).ds.id, format: "csv", content: content[side], wait: true }),
      async expect(value, i, owner) {
        expect(value.import).toMatchObject({ datasetId: i.datasetId, status: "completed", rowsDone: 1 });
        expect((await router(owner, side).datasets.get({ id: i.datasetId })).rowCount).toBe(1);
      },
    },
    { path: `${p}.imports.get`, setup: async (a) => ({ id: (await filled(a, side)).importId }), expect: (imp, i) => expect(imp).toMatchObject({ id: i.id, status: "completed" }) },
    { path: `${p}.imports.list`, setup: async (a) => ({ datasetId: (await filled(a, side)).ds.id }), expect: (list) => expect(list).toHaveLength(1) },
  ];
}

export const isolationCases: IsolationCase[] = [
  ...casesFor("source"),
  ...casesFor("target"),
  {
    path: "sources.dimensions.options",
    setup: async (a) => ({ datasetId: (await filled(a, "source")).ds.id, path: [] }),
    expect: (r) => expect(JSON.stringify(r)).toContain("Google"),
  },
];
