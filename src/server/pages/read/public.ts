/**
 * What anonymous visitors can read: published pages of the tenant the request is for, at their
 * current revision. Anything else — a draft-only page, another tenant's slug — is NOT_FOUND.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import type { SchemaJson } from "~/server/catalog/schema-json";
import { publicPages } from "~/server/db/schema";
import { badRequest, notFound } from "~/server/errors";
import { dimensionPathHash, dimensionsOf, entryLevelOf, loadSourceRecordsByPath } from "~/server/catalog";
import type { OrgInfo } from "~/server/auth/types";
import { datasetsOf } from "../model";
import { effectiveMinDepth } from "../draft/policies";
import { hasOptionIndex } from "../published/option-index";
import { refreshPublishedPage } from "../published/projection";
import { readOptions } from "./options";
import { publishedFinderPage, publishedMatrixSlice, publishedSpec } from "./evaluate";
import { computeWhatIf, type ChangeValue } from "./what-if";

async function findPublishedPage(db: Db, orgId: string, slug: string) {
  const [page] = await db
    .select({ id: publicPages.id, slug: publicPages.slug, name: publicPages.name, revisionId: publicPages.revisionId })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, orgId), eq(publicPages.slug, slug), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)))
    .limit(1);
  if (!page) throw notFound("Page", slug);
  return page as typeof page & { revisionId: number };
}

/** Display info of a published page (name, template, cascade levels, messaging…). */
export async function publicPageInfo(db: Db, org: OrgInfo, slug: string) {
  const page = await findPublishedPage(db, org.id, slug);
  const spec = await publishedSpec(db, org.id, page);
  const ds = await datasetsOf(db, org.id, spec.snapshot);
  const dimensions = dimensionsOf(ds.source.schema);
  return {
    slug: page.slug,
    name: page.name,
    orgName: org.name,
    template: spec.snapshot.template,
    dimensions,
    /** The level after the dimensions, whose options are the source rows themselves. */
    entry: entryLevelOf(ds.source.schema),
    messaging: spec.snapshot.messaging,
    revision: spec.revisionNumber,
    minDepth: effectiveMinDepth(spec.snapshot.selectionPolicy, dimensions.length),
    pageSize: spec.snapshot.devicePolicy.pageSize,
    /** Target fields shown beside each result (admin's choice), with their labels and units. */
    columns: spec.snapshot.devicePolicy.columns.flatMap((name) => {
      const f = ds.target.schema.fields.find((x) => x.name === name);
      return f ? [{ name, label: f.label ?? name, unit: f.unit ?? null, type: f.type }] : [];
    }),
    /** What targets are grouped by, as visitors read it ("Provider"); null when not grouped. */
    groupLabel: groupLabelOf(ds.target.schema, spec.snapshot.devicePolicy.groupBy),
    /** What a Convex reader needs to compute result cache keys (docs/pages.md). */
    cache: { pageId: String(page.id), revisionId: spec.revisionId, sourceVersion: ds.source.version, targetVersion: ds.target.version },
  };
}

/** Past this many rows under one path, the entry level lists the first ones (by label) only. */
const MAX_ENTRY_OPTIONS = 2000;

/** Options of one cascade level under `path` (the values chosen above it), with row counts. */
export async function publicOptions(db: Db, org: OrgInfo, slug: string, level: number, path: string[]) {
  const page = await findPublishedPage(db, org.id, slug);
  const spec = await publishedSpec(db, org.id, page);
  const ds = await datasetsOf(db, org.id, spec.snapshot);
  const levels = ds.source.schema.dimensions.length;
  if (level > levels) throw badRequest(`This page has ${levels + 1} level(s); level ${level} does not exist`, { field: "level", levels: levels + 1 });
  if (path.length !== level) throw badRequest(`Level ${level} needs the ${level} value(s) chosen above it`, { field: "path", expected: level });
  if (level === levels) {
    // The entry level lists rows, read live: the option index holds dimension values only.
    // One row past the cap tells "truncated" without reading a large leaf whole.
    const rows = await loadSourceRecordsByPath(db, org.id, ds.source.id, path, { limit: MAX_ENTRY_OPTIONS + 1 });
    const values = rows.slice(0, MAX_ENTRY_OPTIONS).map((r) => ({ value: r.key, label: r.label, count: 1 }));
    return { level, dimension: entryLevelOf(ds.source.schema), values, entry: true as const, truncated: rows.length > MAX_ENTRY_OPTIONS };
  }
  // An import may have moved the version before its listener rebuilt the index: rebuild it here.
  if (!(await hasOptionIndex(db, org.id, page.id, spec.revisionId, ds.source.version))) {
    await refreshPublishedPage(db, org.id, page.id, { onlyIfMissing: true });
  }
  const values = await readOptions(db, org.id, page.id, spec.revisionId, ds.source.version, level, dimensionPathHash(path));
  const dimension = dimensionsOf(ds.source.schema)[level]!;
  // Enum option labels from the schema ("backend" → "Backend service"); the value stays what is sent.
  const labels = ds.source.schema.fields.find((f) => f.name === dimension.name)?.optionLabels ?? {};
  return { level, dimension, values: values.map((v) => (labels[v.value] ? { ...v, label: labels[v.value] } : v)), entry: false as const, truncated: false };
}

export async function publicResult(db: Db, org: OrgInfo, slug: string, path: string[], pageNum: number) {
  const page = await findPublishedPage(db, org.id, slug);
  return publishedFinderPage(db, org.id, page, path, pageNum);
}

export async function publicMatrix(db: Db, org: OrgInfo, slug: string, rowOffset: number, rowLimit: number) {
  const page = await findPublishedPage(db, org.id, slug);
  return publishedMatrixSlice(db, org.id, page, rowOffset, rowLimit);
}

/** One pair of a published page: plain breakdown, smallest fixes, alternatives (not cached: cheap, per visitor). */
export async function publicWhatIf(db: Db, org: OrgInfo, slug: string, input: { sourceKey: string; targetKey: string; changes: Record<string, ChangeValue> }) {
  const page = await findPublishedPage(db, org.id, slug);
  const spec = await publishedSpec(db, org.id, page);
  const ds = await datasetsOf(db, org.id, spec.snapshot);
  return computeWhatIf(db, org.id, spec, ds, input);
}

function groupLabelOf(schema: SchemaJson, groupBy: string | null): string | null {
  if (groupBy === null) return null;
  if (groupBy === "key") return "Key";
  return schema.fields.find((f) => f.name === groupBy)?.label ?? groupBy;
}
