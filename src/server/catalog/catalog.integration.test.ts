import { TRPCError } from "@trpc/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestOrg, testDb, type TestOrg } from "~/test/helpers";
import { sourceImports } from "~/server/db/schema";
import { dimensionPathHash } from "./hash";
import { onDatasetChanged, type DatasetChange } from "./hooks";
import { startImport } from "./import/run";
import { getImport } from "./imports";
import { countRows, findRowKeys, loadSourceRecords, loadSourceRecordsByPath, loadTargetRecords } from "./rows";
import { getDataset } from "./datasets";
import { csv, makeDataset, snapshotDataset } from "./test-fixtures";

const header = "id,name,vendor,family,model";
const devices = [
  "p1,Pixel 8,Google,phone,Pixel 8",
  "p2,Pixel 8 (EU),Google,phone,Pixel 8",
  "p3,Pixel 7,Google,phone,Pixel 7",
  "t1,Pixel Tablet,Google,tablet,Pixel Tablet",
  "s1,Galaxy S24,Samsung,phone,S24",
  "s2,galaxy s24 lower,samsung,phone,S24",
];

describe("dimension index and loaders", () => {
  let org: TestOrg;
  let datasetId: number;
  const orgId = () => org.session.org.id;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
    const { ds, router } = await makeDataset(org, "source");
    datasetId = ds.id;
    await router.datasets.import({ datasetId, format: "csv", content: csv(header, ...devices), wait: true });
  });

  it("cascades options over three levels with counts, ending at the source rows", async () => {
    const opts = (path: string[]) => org.caller.sources.dimensions.options({ datasetId, path });
    expect(await opts([])).toEqual({
      level: 0,
      leaf: false,
      dimension: "vendor",
      options: [
        { value: "Google", label: "Google", count: 4 },
        { value: "Samsung", label: "Samsung", count: 1 },
        { value: "samsung", label: "samsung", count: 1 },
      ],
    });
    expect((await opts(["Google"])).options).toEqual([
      { value: "phone", label: "phone", count: 3 },
      { value: "tablet", label: "tablet", count: 1 },
    ]);
    expect((await opts(["Google", "phone"])).options).toEqual([
      { value: "Pixel 7", label: "Pixel 7", count: 1 },
      { value: "Pixel 8", label: "Pixel 8", count: 2 },
    ]);
    expect(await opts(["Google", "phone", "Pixel 8"])).toEqual({
      level: 3,
      leaf: true,
      dimension: null,
      options: [
        { value: "p1", label: "Pixel 8", count: 1 },
        { value: "p2", label: "Pixel 8 (EU)", count: 1 },
      ],
    });
    expect((await opts(["Nokia"])).options).toEqual([]);
    await expect(opts(["a", "b", "c", "d"])).rejects.toThrow(/has 3 dimensions/);
  });

  it("hashes the path above each level", () => {
    expect(dimensionPathHash([])).toBe("4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945");
    expect(dimensionPathHash(["a"])).not.toBe(dimensionPathHash(["a", ""]));
  });

  it("loads source records by path prefix, full path, and path + key", async () => {
    const keys = async (path: string[]) => (await loadSourceRecordsByPath(testDb(), orgId(), datasetId, path)).map((r) => r.key);
    expect(await keys([])).toHaveLength(6);
    expect((await keys(["Google"])).sort()).toEqual(["p1", "p2", "p3", "t1"]);
    expect((await keys(["Samsung", "phone"])).sort()).toEqual(["s1"]);
    expect((await keys(["Google", "phone", "Pixel 8"])).sort()).toEqual(["p1", "p2"]);
    expect(await keys(["Google", "phone", "Pixel 8", "p2"])).toEqual(["p2"]);
    const [one] = await loadSourceRecordsByPath(testDb(), orgId(), datasetId, ["Google", "phone", "Pixel 8", "p1"]);
    expect(one).toEqual({ key: "p1", label: "Pixel 8", dims: { vendor: "Google", family: "phone", model: "Pixel 8" }, attrs: { id: "p1", name: "Pixel 8" } });
  });

  it("pages source records in label order, counts rows, finds keys", async () => {
    const first = await loadSourceRecords(testDb(), orgId(), datasetId, { offset: 0, limit: 2 });
    const rest = await loadSourceRecords(testDb(), orgId(), datasetId, { offset: 2, limit: 10 });
    expect([...first, ...rest].map((r) => r.label)).toEqual(["Galaxy S24", "galaxy s24 lower", "Pixel 7", "Pixel 8", "Pixel 8 (EU)", "Pixel Tablet"]);
    expect(await countRows(testDb(), orgId(), "source", datasetId)).toBe(6);
    expect(await findRowKeys(testDb(), orgId(), "source", datasetId, ["p1", "nope", "s2"])).toEqual(new Set(["p1", "s2"]));
    const other = await createTestOrg();
    await expect(countRows(testDb(), other.session.org.id, "source", datasetId)).rejects.toThrow(/not found/);
  });

  it("pages dataset rows with a cursor and searches key and label", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await org.caller.sources.datasets.rows({ datasetId, limit: 4, cursor });
      seen.push(...page.items.map((i) => i.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(["p1", "p2", "p3", "s1", "s2", "t1"]);
    expect((await org.caller.sources.datasets.rows({ datasetId, search: "tablet" })).items.map((i) => i.key)).toEqual(["t1"]);
    expect((await org.caller.sources.datasets.rows({ datasetId, search: "s" })).items.map((i) => i.key).sort()).toEqual(["s1", "s2"]);
  });
});

describe("limits, progress, hooks", () => {
  let org: TestOrg;
  const changes: DatasetChange[] = [];
  let off: () => void = () => {};
  beforeAll(async () => {
    org = await createTestOrg({ tier: "personal" });
  });
  afterEach(() => off());

  it("refuses an import that would exceed the row limit, writing nothing", async () => {
    const { ds, router } = await makeDataset(org, "target");
    const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `m${from + i},Model ${from + i}`);
    await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv("id,displayName", ...lines(0, 60)), wait: true });
    const before = await snapshotDataset(testDb(), org.session.org.id, "target", ds.id);
    // 60 existing + 41 new = 101 > 100 (personal targets); replace would leave 41 and is fine.
    const err = await router.datasets.import({ datasetId: ds.id, format: "csv", content: csv("id,displayName", ...lines(60, 41)), wait: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
    expect((err as TRPCError).message).toMatch(/target rows per dataset — 101 would exceed the personal plan's 100/);
    expect(await snapshotDataset(testDb(), org.session.org.id, "target", ds.id)).toEqual(before);
    const [failed] = await router.imports.list({ datasetId: ds.id, limit: 1 });
    expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/Limit reached/) });
    const replaced = await router.datasets.import({ datasetId: ds.id, format: "csv", mode: "replace", content: csv("id,displayName", ...lines(60, 41)), wait: true });
    expect(replaced.import?.stats).toMatchObject({ inserted: 41, removed: 60 });
    expect((await loadTargetRecords(testDb(), org.session.org.id, ds.id)).length).toBe(41);
  });

  it("makes progress visible outside the import's transaction, and calls dataset listeners after commit", async () => {
    const { ds } = await makeDataset(org, "source");
    off = onDatasetChanged(async (c) => {
      changes.push(c);
      // Committed by now: a listener reads the new version through the pool.
      expect((await getDataset(c.db, c.orgId, "source", c.datasetId)).version).toBe(c.version);
    });
    const seen: { phase: string; rowsDone: number; rowsTotal: number; polled: number }[] = [];
    const content = csv(header, ...Array.from({ length: 50 }, (_, i) => `k${i},Name ${i},V${i % 3},phone,M${i % 7}`));
    await startImport(org.scope, org.session.org, "source", { datasetId: ds.id, format: "csv", body: { kind: "text", text: content }, fileName: null, mode: "upsert", onError: "abort", wait: true }, {
      batchSize: 7,
      progressIntervalMs: 0,
      async onProgress(e) {
        // What a client polling imports.get sees at this moment.
        const view = await getImport(testDb(), org.session.org.id, "source", e.importId);
        seen.push({ phase: e.phase, rowsDone: view.rowsDone, rowsTotal: view.rowsTotal, polled: view.status === "processing" ? 1 : 0 });
      },
    });
    const writing = seen.filter((s) => s.phase === "writing");
    expect(writing.length).toBeGreaterThan(5);
    expect(writing.every((s) => s.rowsTotal === 50 && s.polled === 1)).toBe(true);
    expect(writing.map((s) => s.rowsDone)).toEqual([...writing.map((s) => s.rowsDone)].sort((a, b) => a - b));
    expect(writing.some((s) => s.rowsDone > 0 && s.rowsDone < 50)).toBe(true);
    expect(changes).toEqual([expect.objectContaining({ orgId: org.session.org.id, side: "source", datasetId: ds.id, version: 1 })]);
  });

  it("marks an import whose worker vanished as failed on read", async () => {
    const { ds } = await makeDataset(org, "source");
    const [row] = await testDb()
      .insert(sourceImports)
      .values({ organizationId: org.session.org.id, datasetId: ds.id, format: "csv", status: "processing", heartbeatAt: new Date(Date.now() - 11 * 60_000) })
      .$returningId();
    const view = await org.caller.sources.imports.get({ id: row!.id });
    expect(view).toMatchObject({ status: "failed", error: expect.stringMatching(/stopped responding/) });
    const [stored] = await testDb().select({ s: sourceImports.status }).from(sourceImports).where(and(eq(sourceImports.id, row!.id)));
    expect(stored?.s).toBe("failed");
  });

  it("rejects oversized uploads and unknown mapping targets before starting", async () => {
    const { ds, router } = await makeDataset(await createTestOrg({ tier: "team" }), "source");
    const big = "x".repeat(50 * 1024 * 1024 + 1);
    await expect(router.datasets.import({ datasetId: ds.id, format: "csv", content: big })).rejects.toThrow(/imports accept at most 50\.0 MB/);
    await expect(router.datasets.import({ datasetId: ds.id, format: "csv", content: "id\n", mapping: { id: "nope" } })).rejects.toThrow(/not a field of this schema/);
    await expect(router.datasets.import(new FormData())).rejects.toThrow(/datasetId/);
    expect(await router.imports.list({ datasetId: ds.id })).toEqual([]);
  });
});
