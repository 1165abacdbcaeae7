/**
 * What anonymous visitors can read: published pages of the tenant the request is for, at their
 * current revision. Anything else — a draft-only page, another tenant's slug — is NOT_FOUND.
 *
 * Every answer here is a stored text and the key that names it (docs/read-path.md): the page is
 * resolved through this process's copy of its `published_pages` record, and the answer for that
 * record is held by its key, so a steady-state hit runs no SQL and no serialisation. Nothing here
 * writes except a result cache miss storing what it computed: option indexes are built by publish
 * and import, never by a visitor.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { publicPages, publishedPages } from "~/server/db/schema";
import { toJsonText } from "~/server/db/json-column";
import { badRequest, notFound } from "~/server/errors";
import { sha256Hex } from "~/server/catalog/hash";
import { dimensionOptions, dimensionPathHash, loadSourceRecordsByPath } from "~/server/catalog";
import type { OrgInfo } from "~/server/auth/types";
import { datasetsOf } from "../model";
import { getRevisionByNumber, getRevisionRow } from "../published/revisions";
import { hasOptionIndex } from "../published/option-index";
import { publishedRecordOf, type PublishedDisplay, type PublishedRecord } from "../published/projection";
import { heldRecords, recordKey } from "../published/held-records";
import { readOptions } from "./options";
import { publishedSpec } from "./evaluate";
import { computeFinderPage, computeMatrixSlice, type FinderResult, type MatrixResult } from "./compute";
import { finderSelectionHash, heldAnswer, matrixSelectionHash, readThroughBytes, type StoredAnswer } from "./result-cache";
import { matrixPageOf, type ResultIdentity } from "~/lib/result-key";
import { compactFinderResult, type CompactResult } from "~/lib/compact-result";
import { computeWhatIf, type ChangeValue } from "./what-if";

/** The one indexed lookup a public read makes for its page, when this process holds no copy. */
async function loadRecord(db: DbOrTx, orgId: string, slug: string): Promise<PublishedRecord | null> {
  const [row] = await db
    .select()
    .from(publishedPages)
    .where(and(eq(publishedPages.organizationId, orgId), eq(publishedPages.slug, slug)))
    .limit(1);
  if (row) {
    const { displayJson, organizationId: _org, id: _id, updatedAt: _at, ...pointer } = row;
    return { ...pointer, display: displayJson as unknown as PublishedDisplay };
  }
  return deriveRecord(db, orgId, slug);
}

/**
 * A page published before `published_pages` existed has no record until its next publish, import
 * or `sync.rebuild`; until then its record is derived from the tables it is written from — read
 * only, like everything here.
 */
async function deriveRecord(db: DbOrTx, orgId: string, slug: string): Promise<PublishedRecord | null> {
  const [page] = await db
    .select({ id: publicPages.id, slug: publicPages.slug, name: publicPages.name, revisionId: publicPages.revisionId })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, orgId), eq(publicPages.slug, slug), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)))
    .limit(1);
  if (!page) return null;
  const revision = await getRevisionRow(db, orgId, page.id, page.revisionId!);
  return publishedRecordOf(page, revision, await datasetsOf(db, orgId, revision.snapshot));
}

/**
 * The published pointer of a page: held in process, re-read at most every PUBLIC_POINTER_TTL_MS.
 * `at`: a past published revision's number ("as of", docs/changes.md) — its rules and settings on
 * the datasets it names, at their current versions; held under the page's key, so it is forgotten with it.
 */
export async function resolvePublished(db: DbOrTx, orgId: string, slug: string, at?: number): Promise<PublishedRecord> {
  const record = await heldRecords.get(recordKey(orgId, slug), () => loadRecord(db, orgId, slug));
  if (!record) throw notFound("Page", slug);
  if (at === undefined || at === record.revisionNumber) return record;
  const past = at < record.revisionNumber ? await heldRecords.get(`${recordKey(orgId, slug)}\u0000${at}`, () => loadPastRecord(db, orgId, record, at)) : null;
  if (!past) throw notFound(`Revision ${at} of page`, slug);
  return past;
}

async function loadPastRecord(db: DbOrTx, orgId: string, live: PublishedRecord, at: number): Promise<PublishedRecord | null> {
  try {
    const revision = await getRevisionByNumber(db, orgId, live.pageId, at);
    return publishedRecordOf({ id: live.pageId, slug: live.slug, name: live.display.name, revisionId: revision.id }, revision, await datasetsOf(db, orgId, revision.snapshot));
  } catch (err) {
    // No such revision, or a dataset it read was deleted since: that past is not on show.
    if ((err as { code?: string }).code === "NOT_FOUND") return null;
    throw err;
  }
}

const etagOf = (kind: string, text: string) => `${kind}-${sha256Hex(text)}`;

/** Display texts per record, organization name and live revision (a record is replaced, never changed). */
const displayTexts = new WeakMap<PublishedRecord, { orgName: string; live: number; answer: StoredAnswer }>();

/** Display info of a published page (name, template, cascade levels, messaging…), live or as of revision `at`. */
export async function publicPageAnswer(db: DbOrTx, org: OrgInfo, slug: string, at?: number): Promise<StoredAnswer> {
  const live = (await resolvePublished(db, org.id, slug)).revisionNumber;
  const rec = await resolvePublished(db, org.id, slug, at);
  const memo = displayTexts.get(rec);
  if (memo && memo.orgName === org.name && memo.live === live) return memo.answer;
  const body = toJsonText({
    slug: rec.slug,
    name: rec.display.name,
    orgName: org.name,
    template: rec.display.template,
    dimensions: rec.display.dimensions,
    /** The level after the dimensions, whose options are the source rows themselves. */
    entry: rec.display.entry,
    messaging: rec.display.messaging,
    revision: rec.revisionNumber,
    /** The current revision: a page answered as of an older one says so. */
    liveRevision: live,
    publishedAt: rec.display.publishedAt ?? null,
    minDepth: rec.display.minDepth,
    pageSize: rec.display.pageSize,
    columns: rec.display.columns ?? [],
    groupLabel: rec.display.groupLabel ?? null,
    /** What a Convex reader needs to compute result cache keys (docs/pages.md). */
    cache: { pageId: String(rec.pageId), revisionId: rec.revisionId, sourceVersion: rec.sourceVersion, targetVersion: rec.targetVersion },
  });
  const answer = { key: etagOf("p", body), body };
  displayTexts.set(rec, { orgName: org.name, live, answer });
  return answer;
}

export interface PublicPageSummary {
  slug: string;
  name: string;
  template: "finder" | "matrix";
  revision: number;
  publishedAt: string | null;
}

/** The organization's published pages, by name: what an API or assistant lists before it asks one page. */
export async function publicPageList(db: DbOrTx, org: OrgInfo): Promise<PublicPageSummary[]> {
  const pages = await db
    .select({ slug: publicPages.slug })
    .from(publicPages)
    .where(and(eq(publicPages.organizationId, org.id), eq(publicPages.status, "published"), isNotNull(publicPages.revisionId)))
    .orderBy(publicPages.name)
    .limit(1000);
  const records = await Promise.all(pages.map((p) => resolvePublished(db, org.id, p.slug).catch(() => null)));
  return records.flatMap((r) => (r ? [{ slug: r.slug, name: r.display.name, template: r.display.template, revision: r.revisionNumber, publishedAt: r.display.publishedAt ?? null }] : []));
}

/** Past this many rows under one path, the entry level lists the first ones (by label) only. */
const MAX_ENTRY_OPTIONS = 2000;

/** Options of one cascade level under `path` (the values chosen above it), with row counts. */
export async function publicOptionsAnswer(db: DbOrTx, org: OrgInfo, slug: string, level: number, path: string[], at?: number): Promise<StoredAnswer> {
  const rec = await resolvePublished(db, org.id, slug, at);
  const levels = rec.display.dimensions.length;
  if (level > levels) throw badRequest(`This page has ${levels + 1} level(s); level ${level} does not exist`, { field: "level", levels: levels + 1 });
  if (path.length !== level) throw badRequest(`Level ${level} needs the ${level} value(s) chosen above it`, { field: "path", expected: level });
  // Options depend on the page's source dataset version and levels only: the revision names the levels.
  const key = etagOf("o", JSON.stringify([rec.pageId, rec.revisionId, rec.sourceDatasetId, rec.sourceVersion, level, path]));
  const answer = await heldAnswer(org.id, key, async () => {
    if (level === levels) {
      // The entry level lists rows, read live: the option index holds dimension values only.
      // One row past the cap tells "truncated" without reading a large leaf whole.
      const rows = await loadSourceRecordsByPath(db, org.id, rec.sourceDatasetId, path, { limit: MAX_ENTRY_OPTIONS + 1 });
      const values = rows.slice(0, MAX_ENTRY_OPTIONS).map((r) => ({ value: r.key, label: r.label, count: 1 }));
      return toJsonText({ level, dimension: rec.display.entry, values, entry: true, truncated: rows.length > MAX_ENTRY_OPTIONS });
    }
    const parentHash = dimensionPathHash(path);
    let values = await readOptions(db, org.id, rec.pageId, rec.revisionId, rec.sourceVersion, level, parentHash);
    if (values.length === 0 && !(await hasOptionIndex(db, org.id, rec.pageId, rec.revisionId, rec.sourceVersion))) {
      // Only a page published before the projection existed (or a pointer older than its import)
      // can lack the index; the catalog's own dimension index answers, and nothing is written.
      const live = await dimensionOptions(db, org.id, rec.sourceDatasetId, path);
      values = live.options.map((o) => ({ value: o.value, count: o.count }));
    }
    // Enum option labels from the schema ("backend" → "Backend service"); the value stays what is sent.
    const labels = rec.display.optionLabels?.[level] ?? {};
    const labelled = values.map((v) => (labels[v.value] ? { ...v, label: labels[v.value] } : v));
    return toJsonText({ level, dimension: rec.display.dimensions[level]!, values: labelled, entry: false, truncated: false });
  });
  return answer!;
}

/**
 * A published page's answer for one selection, named by the record's revision and versions. A
 * miss computes at the datasets' versions it reads, and names the answer by those.
 */
async function publishedAnswer(
  db: Db,
  org: OrgInfo,
  rec: PublishedRecord,
  kind: "finder" | "matrix",
  selection: { hash: string; page: number },
  compute: (spec: Awaited<ReturnType<typeof publishedSpec>>, ds: Awaited<ReturnType<typeof datasetsOf>>) => Promise<unknown>,
  at?: number,
): Promise<StoredAnswer> {
  const id: ResultIdentity = { pageId: rec.pageId, revisionId: rec.revisionId, sourceVersion: rec.sourceVersion, targetVersion: rec.targetVersion, kind, selectionHash: selection.hash, page: selection.page };
  const spec = await publishedSpec(db, org.id, { id: rec.pageId, revisionId: rec.revisionId });
  return readThroughBytes(db, org.id, id, async () => {
    const ds = await datasetsOf(db, org.id, spec.snapshot);
    if (ds.source.version !== rec.sourceVersion || ds.target.version !== rec.targetVersion) {
      // This process's pointer is older than the data: forget it and answer at the data's versions.
      heldRecords.forget(recordKey(org.id, rec.slug));
      throw new StalePointer();
    }
    return compute(spec, ds);
  }).catch(async (err: unknown) => {
    if (!(err instanceof StalePointer)) throw err;
    const fresh = await resolvePublished(db, org.id, rec.slug, at);
    if (fresh === rec) throw new Error("published pointer did not move after a stale read");
    return publishedAnswer(db, org, fresh, kind, selection, compute, at);
  });
}

class StalePointer extends Error {}

export async function publicResultAnswer(db: Db, org: OrgInfo, slug: string, path: string[], pageNum: number, at?: number): Promise<StoredAnswer> {
  const rec = await resolvePublished(db, org.id, slug, at);
  return publishedAnswer(db, org, rec, "finder", { hash: finderSelectionHash(path), page: pageNum }, (spec, ds) => computeFinderPage(db, org.id, spec, ds, path, pageNum), at);
}

/**
 * The first-screen form of a Finder result (src/lib/compact-result.ts): derived once from the full
 * answer's text and held beside it under a key named by the full one, so it is exactly as fresh.
 */
export async function publicSummaryAnswer(db: Db, org: OrgInfo, slug: string, path: string[], pageNum: number, at?: number): Promise<StoredAnswer> {
  const full = await publicResultAnswer(db, org, slug, path, pageNum, at);
  const answer = await heldAnswer(org.id, `s-${full.key}`, async () => toJsonText(compactFinderResult(JSON.parse(full.body) as FinderResult)));
  return answer!;
}

export async function publicMatrixAnswer(db: Db, org: OrgInfo, slug: string, rowOffset: number, rowLimit: number, at?: number): Promise<StoredAnswer> {
  const rec = await resolvePublished(db, org.id, slug, at);
  const selection = { hash: matrixSelectionHash(rowOffset, rowLimit), page: matrixPageOf(rowOffset, rowLimit) };
  return publishedAnswer(db, org, rec, "matrix", selection, (spec, ds) => computeMatrixSlice(db, org.id, spec, ds, rowOffset, rowLimit), at);
}

/* ── The same answers as values, for tRPC procedures and in-process callers ─────────────────── */

export interface PublicPageInfo {
  slug: string;
  name: string;
  orgName: string;
  template: "finder" | "matrix";
  dimensions: { name: string; label: string }[];
  entry: { name: string; label: string };
  messaging: PublishedDisplay["messaging"];
  revision: number;
  liveRevision: number;
  publishedAt: string | null;
  minDepth: number;
  pageSize: number;
  columns: NonNullable<PublishedDisplay["columns"]>;
  groupLabel: string | null;
  cache: { pageId: string; revisionId: number; sourceVersion: number; targetVersion: number };
}

type Level = { level: number; dimension: { name: string; label: string }; truncated: boolean };
export type PublicOptions =
  | (Level & { values: { value: string; count: number; label?: string }[]; entry: false })
  | (Level & { values: { value: string; label: string; count: number }[]; entry: true });

const valueOf = <T>(answer: StoredAnswer): T => JSON.parse(answer.body) as T;

export const publicPageInfo = async (db: DbOrTx, org: OrgInfo, slug: string, at?: number) => valueOf<PublicPageInfo>(await publicPageAnswer(db, org, slug, at));
export const publicOptions = async (db: DbOrTx, org: OrgInfo, slug: string, level: number, path: string[], at?: number) =>
  valueOf<PublicOptions>(await publicOptionsAnswer(db, org, slug, level, path, at));
export const publicResult = async (db: Db, org: OrgInfo, slug: string, path: string[], pageNum: number, at?: number) =>
  valueOf<FinderResult>(await publicResultAnswer(db, org, slug, path, pageNum, at));
export type FinderSummary = CompactResult<FinderResult>;
export const publicSummary = async (db: Db, org: OrgInfo, slug: string, path: string[], pageNum: number, at?: number) =>
  valueOf<FinderSummary>(await publicSummaryAnswer(db, org, slug, path, pageNum, at));
export const publicMatrix = async (db: Db, org: OrgInfo, slug: string, rowOffset: number, rowLimit: number, at?: number) =>
  valueOf<MatrixResult>(await publicMatrixAnswer(db, org, slug, rowOffset, rowLimit, at));

/** One pair of a published page: plain breakdown, smallest fixes, alternatives (not cached: cheap, per visitor). */
export async function publicWhatIf(db: Db, org: OrgInfo, slug: string, input: { sourceKey: string; targetKey: string; changes: Record<string, ChangeValue> }) {
  const rec = await resolvePublished(db, org.id, slug);
  const spec = await publishedSpec(db, org.id, { id: rec.pageId, revisionId: rec.revisionId });
  const ds = await datasetsOf(db, org.id, spec.snapshot);
  return computeWhatIf(db, org.id, spec, ds, input);
}
