import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, testDb, type TestOrg } from "~/test/helpers";
import { csv, makeDataset, snapshotDataset } from "./test-fixtures";

const header = "id,name,vendor,family,model,ramGb,hasNfc,tier";
const good = [
  "p1,Pixel 8,Google,phone,Pixel 8,8,yes,high",
  "p2,Pixel Tab,Google,tablet,Pixel Tablet,8,no,mid",
  "g1,Galaxy S24,Samsung,phone,S24,8,TRUE,high",
  "g2,Galaxy A15,Samsung,phone,A15,4,0,low",
];

describe("source import", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
  });

  it("imports every field type with coercion, and reports counts", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const res = await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv(header, ...good, "x1, Thing ,Acme,LAPTOP,X 1, 1.5e1 ,No,"), wait: true });
    expect(res.import?.status).toBe("completed");
    expect(res.import?.stats).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, removed: 0, errors: 0 });
    const page = await router.datasets.rows({ datasetId: ds.id, search: "x1" });
    expect(page.items).toEqual([
      expect.objectContaining({ key: "x1", label: "Thing", dims: { vendor: "Acme", family: "laptop", model: "X 1" }, attrs: { id: "x1", name: "Thing", ramGb: 15, hasNfc: false } }),
    ]);
    const after = await router.datasets.get({ id: ds.id });
    expect(after).toMatchObject({ rowCount: 5, version: 1, status: "ready" });
  });

  it("reports each error kind with its line number", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const content = csv(
      header,
      "a0,OK,V,phone,M,4,yes,low", // 2: valid
      "a1,A,V,phone,M,abc,yes,low", // 3: not a number
      "a2,B,V,phone,M,4,maybe,low", // 4: not a boolean
      "a3,C,V,watch,M,4,yes,low", // 5: enum
      ",D,V,phone,M,4,yes,low", // 6: required key missing
      "a5,E,V,phone,M,Infinity,yes,low", // 7: Infinity
      "a0,F,V,phone,M,4,yes,low", // 8: duplicate key
      "a7,G,V,phone", // 9: column count
      "a8,H,V,phone,M,NaN,yes,low", // 10: NaN
      'a9,"I,V,phone,M,4,yes,low', // 11: unclosed quote eats the rest
    );
    const res = await router.datasets.import({ datasetId: ds.id, format: "csv", content, onError: "skip", wait: true });
    const errs = res.import!.errors.map((e) => [e.line, e.field ?? null, e.message]);
    expect(errs).toEqual([
      [3, "ramGb", 'Field "ramGb": "abc" is not a number'],
      [4, "hasNfc", expect.stringContaining('"maybe" is not a boolean')],
      [5, "family", expect.stringContaining('"watch" is not one of the options (phone, tablet, laptop)')],
      [6, "id", 'Required field "id" is missing'],
      [7, "ramGb", '"Infinity" is not a number'.replace(/^/, 'Field "ramGb": ')],
      [8, "id", expect.stringContaining('Key "a0" appears again (first at line 2)')],
      [9, null, "Row has 4 values but the header has 8 columns"],
      [10, "ramGb", 'Field "ramGb": "NaN" is not a number'],
      [11, null, expect.stringContaining("Malformed CSV: Quote Not Closed")],
    ]);
    expect(res.import!.errors[0]).toMatchObject({ column: "ramGb", value: "abc" });
    expect(res.import!.stats).toMatchObject({ inserted: 1, errors: 9 });
    expect(res.import!.errors[0]).toMatchObject({ column: "ramGb", value: "abc" });
  });

  it("upsert keeps fields the file does not carry, clears the ones it leaves empty, and warns about a misspelt column (issue 11.9)", async () => {
    const { ds, router } = await makeDataset(org, "source");
    await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv(header, ...good), wait: true });
    // `hasNFCs` is a typo of `hasNfc`; `tier` is there but empty for g1.
    const res = await router.datasets.import({
      datasetId: ds.id,
      format: "csv",
      content: csv("id,name,vendor,family,model,ramGb,hasNFCs,tier", "p1,Pixel 8,Google,phone,Pixel 8,12,no,high", "g1,Galaxy S24,Samsung,phone,S24,8,no,"),
      wait: true,
    });
    expect(res.import).toMatchObject({ status: "completed", stats: { inserted: 0, updated: 2, unchanged: 0 } });
    expect(res.import!.warnings).toEqual(['Column "hasNFCs" matches no field of the schema and was ignored — did you mean `hasNfc`? (map it with `mapping`)']);
    expect((await router.imports.get({ id: res.importId })).warnings).toEqual(res.import!.warnings);
    const attrs = async (key: string) => (await router.datasets.rows({ datasetId: ds.id, search: key })).items.find((r) => r.key === key)!.attrs;
    expect(await attrs("p1")).toEqual({ id: "p1", name: "Pixel 8", ramGb: 12, hasNfc: true, tier: "high" });
    expect(await attrs("g1")).toEqual({ id: "g1", name: "Galaxy S24", ramGb: 8, hasNfc: true });
    // JSON: a key left out keeps the field, null clears it; the same file again changes nothing.
    const json = '{"id":"p2","name":"Pixel Tab","vendor":"Google","family":"tablet","model":"Pixel Tablet","tier":null}';
    const j = await router.datasets.import({ datasetId: ds.id, format: "json", content: json, wait: true });
    expect(j.import?.stats).toMatchObject({ updated: 1 });
    expect(await attrs("p2")).toEqual({ id: "p2", name: "Pixel Tab", ramGb: 8, hasNfc: false });
    const again = await router.datasets.import({ datasetId: ds.id, format: "json", content: json, wait: true });
    expect(again.import).toMatchObject({ changed: false, stats: { unchanged: 1 } });
  });

  it("abort leaves the dataset exactly as it was", async () => {
    const { ds, router } = await makeDataset(org, "source");
    await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv(header, ...good), wait: true });
    const before = await snapshotDataset(testDb(), org.session.org.id, "source", ds.id);
    const res = await router.datasets.import({
      datasetId: ds.id,
      format: "csv",
      mode: "replace",
      content: csv(header, "p1,Changed,Google,phone,Pixel 8,16,yes,high", "n1,New,Nokia,phone,N1,2,no,low", "bad,Bad,Nokia,phone,N1,lots,no,low"),
      wait: true,
    });
    expect(res.import?.status).toBe("failed");
    expect(res.import?.error).toMatch(/1 of 3 rows are invalid \(first: line 4: Field "ramGb": "lots" is not a number\); nothing was written/);
    expect(await snapshotDataset(testDb(), org.session.org.id, "source", ds.id)).toEqual(before);
  });

  it("skip writes only the valid rows", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const res = await router.datasets.import({ datasetId: ds.id, format: "csv", onError: "skip", content: csv(header, good[0]!, "b1,Bad,V,phone,M,x,yes,low", good[1]!), wait: true });
    expect(res.import).toMatchObject({ status: "completed", stats: { inserted: 2, errors: 1 } });
    const rows = await router.datasets.rows({ datasetId: ds.id });
    expect(rows.items.map((r) => r.key).sort()).toEqual(["p1", "p2"]);
  });

  it("replace removes rows absent from the file; upsert keeps them", async () => {
    const { ds, router } = await makeDataset(org, "source");
    await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv(header, ...good), wait: true });
    const up = await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv(header, "p1,Pixel 8 Pro,Google,phone,Pixel 8,12,yes,high"), wait: true });
    expect(up.import?.stats).toMatchObject({ inserted: 0, updated: 1, removed: 0 });
    const rep = await router.datasets.import({ datasetId: ds.id, format: "csv", mode: "replace", content: csv(header, good[2]!, good[3]!), wait: true });
    expect(rep.import?.stats).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, removed: 2 });
    const got = await router.datasets.get({ id: ds.id });
    expect(got).toMatchObject({ rowCount: 2, version: 3 });
    const rows = await router.datasets.rows({ datasetId: ds.id });
    expect(rows.items.map((r) => r.key).sort()).toEqual(["g1", "g2"]);
  });

  it("re-importing the same file changes nothing and says so", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const content = csv(header, ...good);
    await router.datasets.import({ datasetId: ds.id, format: "csv", content, wait: true });
    const before = await snapshotDataset(testDb(), org.session.org.id, "source", ds.id);
    const again = await router.datasets.import({ datasetId: ds.id, format: "csv", content, mode: "replace", wait: true });
    expect(again.import).toMatchObject({ status: "completed", changed: false, stats: { inserted: 0, updated: 0, unchanged: 4, removed: 0 } });
    expect(again.import?.summary).toMatch(/^No changes/);
    expect(await snapshotDataset(testDb(), org.session.org.id, "source", ds.id)).toEqual(before);
  });

  it("maps columns case-insensitively, honours overrides and warns about unknown columns", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const content = csv("ID,Display,VENDOR,Family,model,Colour", "p1,Pixel,Google,Phone,P8,blue");
    const res = await router.datasets.import({ datasetId: ds.id, format: "csv", content, mapping: { Display: "name", Absent: null }, wait: true });
    expect(res.import?.status).toBe("completed");
    expect(res.import?.warnings).toEqual([expect.stringContaining('Column "Colour" matches no field'), expect.stringContaining('Mapping names column "Absent"')]);
    const rows = await router.datasets.rows({ datasetId: ds.id });
    expect(rows.items[0]).toMatchObject({ key: "p1", label: "Pixel", dims: { vendor: "Google", family: "phone", model: "P8" } });
  });

  it("fails the whole file when a required field has no column", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const res = await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv("id,vendor,family,model", "p1,G,phone,P"), wait: true });
    expect(res.import?.status).toBe("failed");
    expect(res.import?.error).toMatch(/Line 1: No column feeds the required field "name"/);
  });

  it("accepts a JSON array and NDJSON, with line numbers", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const array = `[\n{"id":"j1","name":"J1","vendor":"V","family":"phone","model":"M","ramGb":6,"hasNfc":true},\n{"id":"j2","name":"J2","vendor":"V","family":"phone","model":"M","ramGb":"x"}\n]`;
    const a = await router.datasets.import({ datasetId: ds.id, format: "json", content: array, onError: "skip", wait: true });
    expect(a.import?.stats).toMatchObject({ inserted: 1, errors: 1 });
    expect(a.import?.errors[0]).toMatchObject({ line: 3, field: "ramGb" });
    const nd = `{"id":"j3","name":"J3","vendor":"V","family":"tablet","model":"T"}\n{"id":"j4"\n`;
    const b = await router.datasets.import({ datasetId: ds.id, format: "json", content: nd, onError: "skip", wait: true });
    expect(b.import?.stats).toMatchObject({ inserted: 1, errors: 1 });
  });

  it("takes a FormData upload and runs it in the background", async () => {
    const { ds, router } = await makeDataset(org, "source");
    const fd = new FormData();
    fd.set("datasetId", String(ds.id));
    fd.set("file", new File([csv(header, ...good)], "devices.csv", { type: "text/csv" }));
    const res = await router.datasets.import(fd);
    expect(res.import).toBeNull();
    let view = await router.imports.get({ id: res.importId });
    for (let i = 0; i < 100 && (view.status === "pending" || view.status === "processing"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = await router.imports.get({ id: res.importId });
    }
    expect(view).toMatchObject({ status: "completed", fileName: "devices.csv", stats: { inserted: 4 } });
    const list = await router.imports.list({ datasetId: ds.id });
    expect(list.map((i) => i.id)).toContain(res.importId);
  });
});
