import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { organizations } from "~/server/db/schema";
import { diffOf, recordAudit, type WriteScope } from "~/server/audit/audit";
import { assertWithinLimit, type LimitSubject } from "~/server/limits";
import { badRequest, conflict, isDuplicateKey, notFound } from "~/server/errors";
import { schemaJsonSchema, type SchemaJson } from "./schema-json";
import { findSchemaConflicts } from "./schema-change";
import { notifyDatasetChanged, notifyDatasetVersionChanging } from "./hooks";
import { limitsFor, sideLabel, tablesFor, type Side } from "./tables";
import { jsonPath } from "./sql";

export interface DefinitionInfo {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  schema: SchemaJson;
  createdAt: Date;
  updatedAt: Date;
}

export interface DefinitionInput {
  slug: string;
  name: string;
  description?: string | null;
  schema: unknown;
}

const columns = (side: Side) => {
  const d = tablesFor(side).definitions;
  return { id: d.id, slug: d.slug, name: d.name, description: d.description, schema: d.schemaJson, createdAt: d.createdAt, updatedAt: d.updatedAt };
};

/** One definition of the organization, or NOT_FOUND (also for another organization's id). */
export async function getDefinition(db: DbOrTx, orgId: string, side: Side, id: number, opts: { forUpdate?: boolean } = {}): Promise<DefinitionInfo> {
  const d = tablesFor(side).definitions;
  const q = db.select(columns(side)).from(d).where(and(eq(d.organizationId, orgId), eq(d.id, id))).limit(1);
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  if (!row) throw notFound(`${sideLabel(side)} definition`, id);
  return row;
}

/** All definitions of one side, by name. */
export async function listDefinitions(db: Db, orgId: string, side: Side): Promise<DefinitionInfo[]> {
  const d = tablesFor(side).definitions;
  return db.select(columns(side)).from(d).where(eq(d.organizationId, orgId)).orderBy(asc(d.name), asc(d.id));
}

/** Parses a schema and applies the side's rules and the tier's dimension limit. */
export function validateSchema(org: LimitSubject, side: Side, raw: unknown): SchemaJson {
  const parsed = schemaJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ["schema", ...i.path].join("."), message: i.message }));
    throw badRequest(`Invalid schema: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { field: "schema", issues });
  }
  const schema = parsed.data;
  if (side === "target" && schema.dimensions.length > 0) {
    throw badRequest("Target schemas have no dimensions: only sources are picked through cascading levels", { field: "schema.dimensions" });
  }
  assertWithinLimit(org, "dimensionsPerSchema", schema.dimensions.length);
  return schema;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
function checkSlug(slug: string): string {
  const s = slug.trim();
  if (!SLUG.test(s) || s.length > 128) {
    throw badRequest(`"${slug}" is not a usable slug: use lowercase letters, digits and single dashes (at most 128)`, { field: "slug" });
  }
  return s;
}

const slugTaken = (side: Side, slug: string) =>
  conflict(`A ${side} definition with slug "${slug}" already exists in this organization`, { field: "slug", slug });

/** Creates a definition; the schema count per side is a tier limit. */
export async function createDefinition(scope: WriteScope, org: LimitSubject, side: Side, input: DefinitionInput): Promise<DefinitionInfo> {
  const d = tablesFor(side).definitions;
  const slug = checkSlug(input.slug);
  const schema = validateSchema(org, side, input.schema);
  try {
    const id = await scope.db.transaction(async (tx) => {
      // Serialises concurrent creates of one organization so the limit check cannot be raced.
      await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, scope.orgId)).for("update");
      const [existing] = await tx.select({ n: count() }).from(d).where(eq(d.organizationId, scope.orgId));
      assertWithinLimit(org, limitsFor[side].schemas, Number(existing?.n ?? 0) + 1);
      const [created] = await tx
        .insert(d)
        .values({ organizationId: scope.orgId, slug, name: input.name.trim(), description: input.description ?? null, schemaJson: schema })
        .$returningId();
      await recordAudit(tx, scope, { action: `${side}.definition.create`, targetType: `${side}_definition`, targetId: created!.id, diff: { slug, name: input.name, schema } });
      return created!.id;
    });
    return getDefinition(scope.db, scope.orgId, side, id);
  } catch (err) {
    if (isDuplicateKey(err)) throw slugTaken(side, slug);
    throw err;
  }
}

/**
 * Updates a definition. A schema change that would orphan rows is refused with every conflict named
 * (field, change, how many rows, sample keys). A new label field relabels existing rows in place and
 * bumps their datasets' versions, since labels are shown on published pages.
 */
export async function updateDefinition(
  scope: WriteScope,
  org: LimitSubject,
  side: Side,
  id: number,
  input: Partial<DefinitionInput>,
): Promise<DefinitionInfo> {
  const t = tablesFor(side);
  const slug = input.slug === undefined ? undefined : checkSlug(input.slug);
  const nextSchema = input.schema === undefined ? undefined : validateSchema(org, side, input.schema);
  const bumped: { datasetId: number; version: number }[] = [];
  try {
    await scope.db.transaction(async (tx) => {
      const before = await getDefinition(tx, scope.orgId, side, id, { forUpdate: true });
      const datasets = await tx
        .select({ id: t.datasets.id, version: t.datasets.version })
        .from(t.datasets)
        .where(and(eq(t.datasets.organizationId, scope.orgId), eq(t.datasets.definitionId, id)))
        .for("update");
      const datasetIds = datasets.map((x) => x.id);
      if (nextSchema) {
        const conflicts = await findSchemaConflicts({ db: tx, orgId: scope.orgId, side, datasetIds }, before.schema, nextSchema);
        if (conflicts.length > 0) {
          throw conflict(`The schema change would orphan existing rows. ${conflicts.map((c) => c.message).join(". ")}.`, {
            field: "schema",
            conflicts: conflicts.map(({ field, change, rows, sampleKeys }) => ({ field, change, rows, sampleKeys })),
          });
        }
      }
      const patch = {
        ...(slug !== undefined ? { slug } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(nextSchema ? { schemaJson: nextSchema } : {}),
      };
      if (Object.keys(patch).length === 0) return;
      await tx.update(t.definitions).set(patch).where(and(eq(t.definitions.organizationId, scope.orgId), eq(t.definitions.id, id)));
      if (nextSchema && nextSchema.labelField !== before.schema.labelField && datasetIds.length > 0) {
        await relabel(tx, scope.orgId, side, datasetIds, nextSchema);
        await tx
          .update(t.datasets)
          .set({ version: sql`${t.datasets.version} + 1` })
          .where(and(eq(t.datasets.organizationId, scope.orgId), inArray(t.datasets.id, datasetIds)));
        bumped.push(...datasets.map((x) => ({ datasetId: x.id, version: x.version + 1 })));
        for (const b of bumped) await notifyDatasetVersionChanging(tx, { orgId: scope.orgId, side, ...b });
      }
      await recordAudit(tx, scope, {
        action: `${side}.definition.update`,
        targetType: `${side}_definition`,
        targetId: id,
        diff: diffOf({ slug: before.slug, name: before.name, description: before.description, schemaJson: before.schema }, patch),
      });
    });
  } catch (err) {
    if (isDuplicateKey(err) && slug !== undefined) throw slugTaken(side, slug);
    throw err;
  }
  for (const b of bumped) await notifyDatasetChanged({ db: scope.db, orgId: scope.orgId, side, ...b });
  return getDefinition(scope.db, scope.orgId, side, id);
}

async function relabel(tx: DbOrTx, orgId: string, side: Side, datasetIds: number[], schema: SchemaJson): Promise<void> {
  const t = tablesFor(side);
  const label = schema.labelField;
  const col = side === "source" && label !== undefined && schema.dimensions.includes(label) ? sql.raw("dims_json") : sql`${t.rows.attrsJson}`;
  const value = label === undefined ? sql`${t.rows.keyText}` : sql`COALESCE(JSON_UNQUOTE(JSON_EXTRACT(${col}, ${jsonPath(label)})), ${t.rows.keyText})`;
  await tx
    .update(t.rows)
    .set({ label: sql`LEFT(${value}, 512)` })
    .where(and(eq(t.rows.organizationId, orgId), inArray(t.rows.datasetId, datasetIds)));
}

/** Deletes a definition. Refused while it has datasets: delete those first (each is a deliberate act). */
export async function deleteDefinition(scope: WriteScope, side: Side, id: number): Promise<{ id: number }> {
  const t = tablesFor(side);
  await scope.db.transaction(async (tx) => {
    const def = await getDefinition(tx, scope.orgId, side, id, { forUpdate: true });
    const datasets = await tx
      .select({ id: t.datasets.id, name: t.datasets.name })
      .from(t.datasets)
      .where(and(eq(t.datasets.organizationId, scope.orgId), eq(t.datasets.definitionId, id)))
      .limit(20);
    if (datasets.length > 0) {
      throw conflict(
        `${sideLabel(side)} definition "${def.slug}" still has dataset${datasets.length > 1 ? "s" : ""} ${datasets.map((x) => `"${x.name}" (#${x.id})`).join(", ")}; delete them first`,
        { definitionId: id, datasets: datasets.map((x) => x.id) },
      );
    }
    await tx.delete(t.definitions).where(and(eq(t.definitions.organizationId, scope.orgId), eq(t.definitions.id, id)));
    await recordAudit(tx, scope, { action: `${side}.definition.delete`, targetType: `${side}_definition`, targetId: id, diff: { slug: def.slug, name: def.name } });
  });
  return { id };
}
