import { asc, eq, and } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { sourceDimensionValues } from "~/server/db/schema";
import type { TestOrg } from "~/test/helpers";
import { tablesFor, type Side } from "./tables";

/** A source schema with every field type and three dimensions. */
export const deviceSchema = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "name", type: "string", required: true },
    { name: "vendor", type: "string", required: true },
    { name: "family", type: "enum", required: true, options: ["phone", "tablet", "laptop"] },
    { name: "model", type: "string", required: true },
    { name: "ramGb", type: "number", required: false },
    { name: "hasNfc", type: "boolean", required: false },
    { name: "tier", type: "enum", required: false, options: ["low", "mid", "high"] },
  ],
  dimensions: ["vendor", "family", "model"],
  keyField: "id",
  labelField: "name",
};

/** A target schema without dimensions. */
export const modelSchema = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "displayName", type: "string", required: true },
    { name: "maxTokens", type: "number", required: false },
    { name: "streaming", type: "boolean", required: false },
  ],
  keyField: "id",
  labelField: "displayName",
};

let n = 0;
/** A definition and an empty dataset on one side. */
export async function makeDataset(org: TestOrg, side: Side, schema: unknown = side === "source" ? deviceSchema : modelSchema) {
  const router = side === "source" ? org.caller.sources : org.caller.targets;
  const def = await router.definitions.create({ slug: `def-${Date.now().toString(36)}-${++n}`, name: `Def ${n}`, schema });
  const ds = await router.datasets.create({ definitionId: def.id, name: `Dataset ${n}` });
  return { def, ds, router };
}

/** Everything a dataset is: its row, its rows and its dimension values, for before/after equality. */
export async function snapshotDataset(db: Db, orgId: string, side: Side, datasetId: number) {
  const t = tablesFor(side);
  const [dataset] = await db.select().from(t.datasets).where(and(eq(t.datasets.organizationId, orgId), eq(t.datasets.id, datasetId)));
  const rows = await db.select().from(t.rows).where(and(eq(t.rows.organizationId, orgId), eq(t.rows.datasetId, datasetId))).orderBy(asc(t.rows.id));
  const dims =
    side === "source"
      ? await db
          .select()
          .from(sourceDimensionValues)
          .where(and(eq(sourceDimensionValues.organizationId, orgId), eq(sourceDimensionValues.datasetId, datasetId)))
          .orderBy(asc(sourceDimensionValues.id))
      : [];
  return { dataset, rows, dims };
}

export const csv = (...lines: string[]) => lines.join("\n") + "\n";
