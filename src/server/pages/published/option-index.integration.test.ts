import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { optionIndex, syncOutbox } from "~/server/db/schema";
import { createTestOrg, publicCaller, testDb } from "~/test/helpers";
import { MAX_SHARD_BYTES, shardValues } from "./option-index";
import { seedDataset, targetCsv, targetSchema } from "../testing/fixtures";

describe("option shards", () => {
  it("packs values in order into shards of at most the byte limit", () => {
    const values = Array.from({ length: 5000 }, (_, i) => ({ value: `${"é".repeat(100)}-${i}`, count: i }));
    const shards = shardValues(values, 64 * 1024);
    expect(shards.length).toBeGreaterThan(1);
    for (const s of shards) expect(Buffer.byteLength(JSON.stringify(s), "utf8")).toBeLessThanOrEqual(64 * 1024);
    expect(shards.flat()).toEqual(values);
    expect(shardValues([])).toEqual([[]]);
  });

  it("a huge level is stored and synced in ≤ 256 KiB shards and reassembled in order", async () => {
    const org = await createTestOrg({ tier: "team" });
    const schema = {
      dimensions: ["vendor", "product"],
      fields: [
        { name: "id", type: "string", required: true },
        { name: "vendor", type: "string", required: true },
        { name: "product", type: "string", required: true },
      ],
    };
    const n = 3000;
    const vendor = (i: number) => `vendor-${String(i).padStart(5, "0")}-${"x".repeat(230)}`;
    const csv = ["id,vendor,product", ...Array.from({ length: n }, (_, i) => `s${i},${vendor(i)},${i % 2 === 0 ? "alpha" : "beta"}`)].join("\n");
    const sourceDatasetId = await seedDataset(org.caller, "sources", schema, csv, "vendors");
    const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, targetCsv, "models");
    const page = await org.caller.pages.create({ slug: "vendors", name: "Vendors", template: "finder", sourceDatasetId, targetDatasetId });
    await org.caller.pages.publish({ pageId: page.id });

    const db = testDb();
    const shards = await db
      .select({ level: optionIndex.level, shard: optionIndex.shard, values: optionIndex.valuesJson })
      .from(optionIndex)
      .where(and(eq(optionIndex.organizationId, org.session.org.id), eq(optionIndex.pageId, page.id), eq(optionIndex.level, 0)));
    expect(shards.length).toBeGreaterThanOrEqual(3);
    for (const s of shards) expect(Buffer.byteLength(JSON.stringify(s.values), "utf8")).toBeLessThanOrEqual(MAX_SHARD_BYTES);

    const pub = publicCaller({ by: "slug", value: org.session.org.slug, basePath: "/p/vendors" });
    const level0 = await pub.public.options({ slug: "vendors", level: 0, path: [] });
    expect(level0.values).toHaveLength(n);
    expect(level0.values.map((v) => v.value)).toEqual(Array.from({ length: n }, (_, i) => vendor(i)));
    const level1 = await pub.public.options({ slug: "vendors", level: 1, path: [vendor(7)] });
    expect(level1.values).toEqual([{ value: "beta", count: 1 }]);

    const deliveries = await db
      .select({ payload: syncOutbox.payloadJson })
      .from(syncOutbox)
      .where(and(eq(syncOutbox.organizationId, org.session.org.id), eq(syncOutbox.kind, "option-shards")));
    const root = deliveries.map((d) => d.payload as { data: { level: number; shards: { values: unknown[] }[] } }).find((d) => d.data.level === 0)!;
    expect(root.data.shards.length).toBe(shards.length);
    for (const s of root.data.shards) expect(Buffer.byteLength(JSON.stringify(s.values), "utf8")).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    // One delivery per (level, parent): the root set plus one set per vendor.
    expect(deliveries).toHaveLength(1 + n);
  });
});
