import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, testDb, type TestOrg } from "~/test/helpers";
import { startImport } from "./import/run";
import { csv, makeDataset, snapshotDataset } from "./test-fixtures";

announceFuzz(import.meta.url);

/** Cells that stress CSV and coercion: quotes, separators, newlines, numbers-that-are-not, unicode. */
const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", " ", '"', '""', ",", "\n", "\r\n", "1e309", "NaN", "-0", "0x1F", "yes", "TRUE", "ø", "😀", "\uD800", "x\uDC00", "\u0000", "[", "{"),
  fc.integer().map(String),
  fc.double().map(String),
);
const csvText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 12 }).map((rows) => csv("id,displayName,maxTokens,streaming", ...rows.map((r) => r.join(",")))),
);
const jsonText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc
    .array(fc.record({ id: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), displayName: fc.oneof(fc.string({ maxLength: 4 }), fc.boolean()), maxTokens: fc.oneof(fc.double(), fc.string({ maxLength: 4 })) }, { requiredKeys: [] }), { maxLength: 8 })
    .chain((objs) => fc.constantFrom(JSON.stringify(objs), objs.map((o) => JSON.stringify(o)).join("\n"), JSON.stringify(objs).slice(0, -1))),
);

describe("importer against garbage", () => {
  let org: TestOrg;
  let datasetId: number;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
    const made = await makeDataset(org, "target");
    datasetId = made.ds.id;
    await made.router.datasets.import({ datasetId, format: "csv", content: csv("id,displayName,maxTokens", "keep,Keep me,5", "also,Also kept,"), wait: true });
  });

  it("never throws and never writes part of a file in abort mode", async () => {
    const input = fc.oneof(
      csvText.map((text) => ({ format: "csv" as const, text })),
      jsonText.map((text) => ({ format: "json" as const, text })),
    );
    await fc.assert(
      fc.asyncProperty(input, fc.constantFrom("upsert" as const, "replace" as const), async ({ format, text }, mode) => {
        const before = await snapshotDataset(testDb(), org.session.org.id, "target", datasetId);
        const { import: view } = await startImport(org.scope, org.session.org, "target", { datasetId, format, body: { kind: "text", text }, fileName: null, mode, onError: "abort", wait: true });
        expect(["completed", "failed"]).toContain(view!.status);
        if (view!.status === "failed") {
          expect(view!.error).toBeTruthy();
          // A refusal with a reason, never a crash of ours.
          expect(view!.error).not.toMatch(/failed unexpectedly/);
          expect(await snapshotDataset(testDb(), org.session.org.id, "target", datasetId)).toEqual(before);
        } else {
          expect(view!.stats!.errors).toBe(0);
          // Put the baseline back for the next run when a valid file changed it.
          if (view!.changed) {
            await startImport(org.scope, org.session.org, "target", { datasetId, format: "csv", body: { kind: "text", text: csv("id,displayName,maxTokens", "keep,Keep me,5", "also,Also kept,") }, fileName: null, mode: "replace", onError: "abort", wait: true });
          }
        }
      }),
      fuzz(200),
    );
  }, 120_000);
});
