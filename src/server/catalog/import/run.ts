import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { assertWithinLimit, type LimitSubject } from "~/server/limits";
import { log } from "~/server/log";
import { getDataset } from "../datasets";
import { rebuildDimensionIndex } from "../dimensions";
import { notifyDatasetChanged, notifyImportFinished } from "../hooks";
import { getImport, type ImportStats, type ImportView } from "../imports";
import type { SchemaJson } from "../schema-json";
import { limitsFor, tablesFor, type Side } from "../tables";
import { normalizeMapping } from "./mapping";
import { ImportProgress, type ImportTuning } from "./progress";
import { readImportFile, type ReadResult } from "./read";
import { assertImportSize, bodyStream, type ImportRequest } from "./request";
import { RowSpool } from "./spool";
import { DEFAULT_BATCH_SIZE, deleteRowsByHash, loadContentHashes, upsertStatement } from "./write";
import type { PreparedRow } from "./prepare";

interface Job {
  scope: WriteScope;
  org: LimitSubject;
  side: Side;
  importId: number;
  req: ImportRequest;
  tuning: ImportTuning;
}

/** A reason to fail the import that is the user's to fix, not a crash. */
class ImportRefused extends Error {}

/**
 * Starts an import: checks the dataset, size and mapping now (so bad requests fail fast), records a
 * `pending` import, then runs it in-process without awaiting — unless `wait` is set, in which case
 * the answer carries the finished import. A tier limit refusal is thrown to a waiting caller as
 * FORBIDDEN (and recorded on the failed import either way).
 */
export async function startImport(
  scope: WriteScope,
  org: LimitSubject,
  side: Side,
  req: ImportRequest,
  tuning: ImportTuning = {},
): Promise<{ importId: number; import: ImportView | null }> {
  const t = tablesFor(side);
  const ds = await getDataset(scope.db, scope.orgId, side, req.datasetId);
  assertImportSize(req);
  const mapping = normalizeMapping(ds.schema, req.mapping);
  const importId = await scope.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(t.imports)
      .values({
        organizationId: scope.orgId,
        datasetId: ds.id,
        format: req.format,
        mode: req.mode,
        onError: req.onError,
        fileName: req.fileName,
        mappingJson: mapping ?? null,
        createdBy: scope.actor.id,
        heartbeatAt: new Date(),
      })
      .$returningId();
    await recordAudit(tx, scope, {
      action: `${side}.import.start`,
      targetType: `${side}_import`,
      targetId: created!.id,
      diff: { datasetId: ds.id, format: req.format, mode: req.mode, onError: req.onError, fileName: req.fileName },
    });
    return created!.id;
  });
  const job = executeImport({ scope, org, side, importId, req: { ...req, mapping }, tuning });
  if (!req.wait) {
    void job;
    return { importId, import: null };
  }
  const outcome = await job;
  if (outcome.limitError) throw outcome.limitError;
  return { importId, import: await getImport(scope.db, scope.orgId, side, importId) };
}

/** Runs one import to `completed` or `failed`. Never rejects: a crash is recorded as the reason. */
async function executeImport(job: Job): Promise<{ limitError?: TRPCError }> {
  const { scope, side, importId } = job;
  const i = tablesFor(side).imports;
  const progress = new ImportProgress(scope.db, side, scope.orgId, importId, job.tuning);
  let spool: RowSpool | null = null;
  let read: ReadResult | null = null;
  try {
    const now = new Date();
    await scope.db.update(i).set({ status: "processing", startedAt: now, heartbeatAt: now }).where(and(eq(i.organizationId, scope.orgId), eq(i.id, importId)));
    const ds = await getDataset(scope.db, scope.orgId, side, job.req.datasetId);
    spool = await RowSpool.create();
    read = await readImportFile({ input: bodyStream(job.req), format: job.req.format, schema: ds.schema, side, mapping: job.req.mapping, spool, progress });
    if (read.fatal) throw new ImportRefused(read.fatal);
    if (read.invalidRows > 0 && job.req.onError === "abort") {
      const first = read.errors[0];
      throw new ImportRefused(
        `${read.invalidRows} of ${read.rowsTotal} rows are invalid${first ? ` (first: line ${first.line}: ${first.message})` : ""}; nothing was written because onError is "abort" — fix them, or import with onError "skip" to write the valid rows`,
      );
    }
    await progress.report("writing", 0, read.rowsTotal, true);
    const outcome = await writeImport(job, ds.schema, read, spool, progress);
    if (outcome.changed) {
      await notifyDatasetChanged({ db: scope.db, orgId: scope.orgId, side, datasetId: job.req.datasetId, version: outcome.version });
    }
    await notifyImportFinished({ db: scope.db, orgId: scope.orgId, side, datasetId: job.req.datasetId, importId, status: "completed", changed: outcome.changed, version: outcome.version, error: null });
    return {};
  } catch (err) {
    const limitError = err instanceof TRPCError && err.code === "FORBIDDEN" ? err : undefined;
    const reason = reasonOf(err);
    await markFailed(job, reason, read).catch((e: unknown) =>
      log("error", "could not mark import failed", { importId, side, error: e instanceof Error ? e.message : String(e) }),
    );
    await notifyImportFinished({ db: scope.db, orgId: scope.orgId, side, datasetId: job.req.datasetId, importId, status: "failed", changed: false, version: null, error: reason });
    return { limitError };
  } finally {
    await spool?.dispose().catch(() => undefined);
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportRefused || err instanceof TRPCError) return err.message;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === "string" && e.code.startsWith("CSV_")) return `Malformed CSV: ${String(e.message)}`;
  log("error", "import crashed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return `The import failed unexpectedly and nothing was written: ${err instanceof Error ? err.message : String(err)}`;
}

async function markFailed(job: Job, reason: string, read: ReadResult | null): Promise<void> {
  const { scope, side, importId } = job;
  const i = tablesFor(side).imports;
  const stats: ImportStats = { inserted: 0, updated: 0, unchanged: 0, removed: 0, errors: read?.invalidRows ?? 0, errorEntries: read?.errorEntries ?? 0 };
  const now = new Date();
  await scope.db
    .update(i)
    .set({
      status: "failed",
      error: reason.slice(0, 60_000),
      statsJson: { ...stats },
      errorsJson: read?.errors ?? [],
      warningsJson: read?.warnings ?? [],
      rowsTotal: read?.rowsTotal ?? 0,
      finishedAt: now,
      heartbeatAt: now,
    })
    .where(and(eq(i.organizationId, scope.orgId), eq(i.id, importId)));
  await recordAudit(scope.db, scope, { action: `${side}.import.fail`, targetType: `${side}_import`, targetId: importId, diff: { datasetId: job.req.datasetId, reason: reason.slice(0, 1000) } });
}

/**
 * Pass 2, in ONE transaction so any failure leaves the dataset exactly as it was: lock the dataset,
 * load existing content hashes, check the row limit on the resulting count, write changed rows in
 * batches, remove absent rows (replace), then rebuild dimensions and bump the version if anything
 * changed. The import's final state is written in the same transaction.
 */
async function writeImport(job: Job, schema: SchemaJson, read: ReadResult, spool: RowSpool, progress: ImportProgress): Promise<{ changed: boolean; version: number }> {
  const { scope, side, importId, req } = job;
  const t = tablesFor(side);
  const batchSize = job.tuning.batchSize ?? DEFAULT_BATCH_SIZE;
  return scope.db.transaction(async (tx) => {
    const ds = await getDataset(tx, scope.orgId, side, req.datasetId, { forUpdate: true });
    if (JSON.stringify(ds.schema) !== JSON.stringify(schema)) throw new ImportRefused("The schema changed while the file was being read; run the import again");
    const existing = await loadContentHashes(tx, side, scope.orgId, ds.id);
    let inserted = 0;
    for (const k of read.validKeys.keys()) if (!existing.has(k)) inserted++;
    const removeHashes: string[] = [];
    if (req.mode === "replace") {
      for (const k of existing.keys()) if (!read.validKeys.has(k) && !read.invalidKeys.has(k)) removeHashes.push(k);
    }
    const rowCount = existing.size - removeHashes.length + inserted;
    assertWithinLimit(job.org, limitsFor[side].rows, rowCount);

    let updated = 0;
    let unchanged = 0;
    let done = read.invalidRows;
    let batch: PreparedRow[] = [];
    // One statement in flight while the next is built: client and server work overlap.
    let inflight: Promise<unknown> | null = null;
    const send = async (rows: PreparedRow[]) => {
      const statement = upsertStatement(side, scope.orgId, ds.id, rows);
      if (inflight) await inflight;
      inflight = tx.execute(sql.raw(statement));
      // Marked handled here (it is awaited below); an early exit must not leave an unhandled rejection.
      inflight.catch(() => undefined);
    };
    for await (const rows of spool.rows()) {
      for (const row of rows) {
        const before = existing.get(row.keyHash);
        if (before === row.contentHash) unchanged++;
        else {
          if (before !== undefined) updated++;
          batch.push(row);
          if (batch.length >= batchSize) {
            await send(batch);
            batch = [];
            await progress.report("writing", done, read.rowsTotal);
          }
        }
        done++;
      }
      await progress.report("writing", done, read.rowsTotal);
    }
    if (batch.length > 0) await send(batch);
    if (inflight) await inflight;
    await deleteRowsByHash(tx, side, scope.orgId, ds.id, removeHashes);

    const changed = inserted + updated + removeHashes.length > 0;
    const version = changed ? ds.version + 1 : ds.version;
    if (changed) {
      await tx
        .update(t.datasets)
        .set({ rowCount, version, status: rowCount > 0 ? "ready" : "empty" })
        .where(and(eq(t.datasets.organizationId, scope.orgId), eq(t.datasets.id, ds.id)));
      if (side === "source") await rebuildDimensionIndex(tx, scope.orgId, ds.id, ds.schema.dimensions);
    }
    const stats = { inserted, updated, unchanged, removed: removeHashes.length, errors: read.invalidRows, errorEntries: read.errorEntries };
    const now = new Date();
    await tx
      .update(t.imports)
      .set({ status: "completed", statsJson: stats, errorsJson: read.errors, warningsJson: read.warnings, rowsTotal: read.rowsTotal, rowsDone: read.rowsTotal, finishedAt: now, heartbeatAt: now })
      .where(and(eq(t.imports.organizationId, scope.orgId), eq(t.imports.id, importId)));
    await recordAudit(tx, scope, { action: `${side}.import.complete`, targetType: `${side}_import`, targetId: importId, diff: { datasetId: ds.id, version, ...stats } });
    return { changed, version };
  });
}
