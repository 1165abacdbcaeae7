import { and, desc, eq, inArray, lt, or, isNull, sql } from "drizzle-orm";
import { jobFor } from "~/server/jobs/queue";
import type { Db, DbOrTx } from "~/server/db/client";
import type { ImportStatus } from "~/server/db/schema";
import { notFound } from "~/server/errors";
import { getDataset } from "./datasets";
import type { RowError } from "./import/prepare";
import { sideLabel, tablesFor, type Side } from "./tables";

export interface ImportStats {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Invalid rows (skipped, or the reason an abort-mode import failed). */
  errors: number;
  /** Individual problems found (a row can have several); `errors` in the view holds the first 100. */
  errorEntries: number;
}

/** An import as clients see it while it runs and after. */
export interface ImportView {
  id: number;
  datasetId: number;
  status: ImportStatus;
  format: "csv" | "json";
  mode: "upsert" | "replace";
  onError: "abort" | "skip";
  fileName: string | null;
  rowsTotal: number;
  rowsDone: number;
  stats: ImportStats | null;
  /** Whether rows changed (null until finished): a re-import of the same file says false. */
  changed: boolean | null;
  summary: string;
  errors: RowError[];
  warnings: string[];
  /** While queued: imports (of any organization) that will start before this one. */
  queuePosition: number | null;
  /** Why it failed, when it did. */
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * An import without a live job (recorded before jobs existed, or whose upload never finished
 * arriving) that has shown no life for this long is failed when read. Imports with a job are the
 * job lease's business (docs/jobs.md): a dead worker's job is resumed within seconds.
 */
export const STALE_IMPORT_MS = 10 * 60 * 1000;

const columns = (side: Side) => {
  const i = tablesFor(side).imports;
  return {
    id: i.id, datasetId: i.datasetId, status: i.status, format: i.format, mode: i.mode, onError: i.onError,
    fileName: i.fileName, rowsTotal: i.rowsTotal, rowsDone: i.rowsDone, stats: i.statsJson, errors: i.errorsJson,
    warnings: i.warningsJson, error: i.error, createdAt: i.createdAt, startedAt: i.startedAt, finishedAt: i.finishedAt,
  };
};
type Row = Omit<ImportView, "stats" | "changed" | "summary" | "errors" | "warnings" | "queuePosition"> & {
  stats: unknown;
  errors: unknown;
  warnings: unknown;
};

function summarize(r: Row, stats: ImportStats | null, ahead: number | null): string {
  if (r.status === "pending") return ahead ? `Queued: ${ahead} import${ahead === 1 ? "" : "s"} ahead of this one` : "Waiting to start";
  if (r.status === "processing") return r.rowsDone > 0 ? `Writing: ${r.rowsDone} of ${r.rowsTotal} rows` : `Reading: ${r.rowsTotal} rows so far`;
  if (r.status === "failed") return `Failed: ${r.error ?? "unknown reason"}`;
  if (!stats) return "Completed";
  const changed = stats.inserted + stats.updated + stats.removed;
  const skipped = stats.errors > 0 ? `; ${stats.errors} invalid row${stats.errors === 1 ? "" : "s"} skipped` : "";
  if (changed === 0) return `No changes: ${stats.unchanged} row${stats.unchanged === 1 ? "" : "s"} already up to date${skipped}`;
  return `${stats.inserted} inserted, ${stats.updated} updated, ${stats.unchanged} unchanged, ${stats.removed} removed${skipped}`;
}

function present(r: Row, ahead: number | null = null): ImportView {
  const stats = (r.stats as ImportStats | null | undefined) ?? null;
  return {
    ...r,
    stats,
    queuePosition: r.status === "pending" ? ahead : null,
    changed: r.status === "completed" && stats ? stats.inserted + stats.updated + stats.removed > 0 : r.status === "failed" ? false : null,
    summary: summarize(r, stats, ahead),
    errors: (r.errors as RowError[] | null) ?? [],
    warnings: (r.warnings as string[] | null) ?? [],
  };
}

/**
 * Marks imports whose worker stopped showing life as failed, so nothing stays "processing" forever
 * after a crash or restart. Their data transaction, if any, was rolled back with the connection.
 */
export async function failStaleImports(db: DbOrTx, orgId: string, side: Side, now = new Date()): Promise<void> {
  const i = tablesFor(side).imports;
  const before = new Date(now.getTime() - STALE_IMPORT_MS);
  await db
    .update(i)
    .set({ status: "failed", error: `The import stopped responding (no progress for ${STALE_IMPORT_MS / 60_000} minutes; the server probably restarted). Nothing was written; run it again.`, finishedAt: now })
    .where(
      and(
        eq(i.organizationId, orgId),
        inArray(i.status, ["pending", "processing"]),
        or(lt(i.heartbeatAt, before), and(isNull(i.heartbeatAt), lt(i.createdAt, before))),
        sql`NOT EXISTS (SELECT 1 FROM jobs j WHERE j.organization_id = ${i.organizationId} AND j.kind = 'import' AND j.ref_id = ${i.id}
              AND j.subject LIKE ${`${side}:%`} AND j.status IN ('queued', 'running') AND (j.not_before IS NULL OR j.not_before < '9000-01-01'))`,
      ),
    );
}

/** One import of the organization, or NOT_FOUND. */
export async function getImport(db: Db, orgId: string, side: Side, id: number): Promise<ImportView> {
  await failStaleImports(db, orgId, side);
  const i = tablesFor(side).imports;
  const [row] = await db.select(columns(side)).from(i).where(and(eq(i.organizationId, orgId), eq(i.id, id))).limit(1);
  if (!row) throw notFound(`${sideLabel(side)} import`, id);
  const ahead = row.status === "pending" ? ((await jobFor(db, orgId, "import", id, `${side}:`))?.ahead ?? null) : null;
  return present(row, ahead);
}

/** Recent imports, newest first, optionally of one dataset (which must exist). Errors are left out: ask `get`. */
export async function listImports(db: Db, orgId: string, side: Side, opts: { datasetId?: number; limit: number }): Promise<ImportView[]> {
  if (opts.datasetId !== undefined) await getDataset(db, orgId, side, opts.datasetId);
  await failStaleImports(db, orgId, side);
  const i = tablesFor(side).imports;
  const rows = await db
    .select(columns(side))
    .from(i)
    .where(and(eq(i.organizationId, orgId), opts.datasetId === undefined ? undefined : eq(i.datasetId, opts.datasetId)))
    .orderBy(desc(i.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...present(r), errors: [] }));
}
