import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncOutbox } from "~/server/db/schema";
import { createTestOrg, publicCaller, testDb } from "~/test/helpers";
import { parseDeliveries } from "../../../../convex/lib/deliveries";
import { seedDataset, sourceCsv, sourceSchema, targetCsv, targetSchema } from "../testing/fixtures";
import { optionShardDeliveries } from "./deliveries";
import { MAX_SHARD_BYTES, type OptionSet } from "./option-index";

const labelledSchema = {
  ...sourceSchema,
  fields: sourceSchema.fields.map((f) => (f.name === "clientType" ? { ...f, optionLabels: { web: "Web app", backend: "Backend service" } } : f)),
};

describe("enum option labels reach Convex as they reach tRPC", () => {
  it("the option-shards delivery carries the same labelled values public.options answers", async () => {
    const org = await createTestOrg();
    const sourceDatasetId = await seedDataset(org.caller, "sources", labelledSchema, sourceCsv, "clients");
    const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, targetCsv, "models");
    const page = await org.caller.pages.create({ slug: "labelled", name: "Labelled", template: "finder", sourceDatasetId, targetDatasetId });
    await org.caller.pages.publish({ pageId: page.id });

    const pub = publicCaller({ by: "slug", value: org.session.org.slug, basePath: "/p/labelled" });
    const viaTrpc = (await pub.public.options({ slug: "labelled", level: 0, path: [] })).values;
    expect(viaTrpc).toEqual([
      { value: "backend", count: 1, label: "Backend service" },
      { value: "desktop", count: 1 },
      { value: "web", count: 1, label: "Web app" },
    ]);

    const rows = await testDb().select({ payload: syncOutbox.payloadJson }).from(syncOutbox).where(and(eq(syncOutbox.organizationId, org.session.org.id), eq(syncOutbox.kind, "option-shards")));
    const level0 = rows.map((r) => r.payload as { data: { level: number; shards: { values: unknown[] }[] } }).find((p) => p.data.level === 0)!;
    expect(level0.data.shards.flatMap((s) => s.values)).toEqual(viaTrpc);
    // Convex's /sync accepts the labelled shape.
    expect(parseDeliveries({ deliveries: rows.map((r, i) => ({ ...(r.payload as object), id: String(i + 1) })) })).toMatchObject({ ok: true });
  });

  it("labels that make a set longer re-shard it so no shard passes the size bound", () => {
    const values = Array.from({ length: 20_000 }, (_, i) => ({ value: `v${i}`, count: 1 }));
    const set: OptionSet = { level: 0, parentHash: "h", shards: [values] };
    const labels = [Object.fromEntries(values.map((v) => [v.value, `A rather long label for option ${v.value} `.repeat(3).trim()]))];
    const [delivery] = optionShardDeliveries("org", "slug", 1, 1, 1, [set], labels);
    const shards = (delivery!.data as { shards: { values: { value: string; label?: string }[] }[] }).shards;
    expect(shards.length).toBeGreaterThan(1);
    for (const s of shards) expect(Buffer.byteLength(JSON.stringify(s.values), "utf8")).toBeLessThanOrEqual(MAX_SHARD_BYTES);
    expect(shards.flatMap((s) => s.values).map((v) => v.label)).toEqual(values.map((v) => labels[0]![v.value]));
  });
});
