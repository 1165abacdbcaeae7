import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import type { Actor } from "~/server/auth/types";
import type { Db, Tx } from "~/server/db/client";
import { describeDbError, isPacketTooLarge, isRetryableLockError, transactionKeepingCause } from "~/server/db/errors";
import { jobs } from "~/server/db/schema";
import { forbidden } from "~/server/errors";
import { readJobBlob, storeJobBlob } from "~/server/jobs/blobs";
import { claimJob, enqueueJob, finishJob, jobFor, type JobRow } from "~/server/jobs/queue";
import { ensureWorker, jobSlots, runClaimedJob, workerId, type JobContext } from "~/server/jobs/worker";
import { assertWithinLimit, type LimitSubject } from "~/server/limits";
import { log } from "~/server/log";
import { getOrgById } from "~/server/org/orgs";
import { getDataset } from "../datasets";
import { rebuildDimensionIndex } from "../dimensions";
import { notifyDatasetChanged, notifyImportFinished } from "../hooks";
import { getImport, type ImportStats, type ImportView } from "../imports";
import type { SchemaJson } from "../schema-json";
import { limitsFor, tablesFor, type Side } from "../tables";
import type { ColumnMapping } from "./columns";
import { normalizeMapping } from "./mapping";
import type { ImportFormat } from "./parse";
import { keepAbsentFields, type PreparedRow } from "./prepare";
import { ImportProgress, type ImportTuning } from "./progress";
import { readImportFile, type ReadResult } from "./read";
import { assertImportSize, bodyStream, type ImportMode, type ImportRequest, type OnError } from "./request";
import { TimeSlicer } from "./slice";
import { RowSpool } from "./spool";
import { DEFAULT_BATCH_SIZE, deleteRowsByHash, loadContentHashes, loadStoredAttrs, rowValues, statementByteBudget, upsertStatementOf } from "./write";

/** The job kind of imports in the `jobs` table. */
export const IMPORT_JOB = "import";

/** What a worker needs to run an import: everything but the file, which is stored beside the job. */
interface ImportPayload {
  side: Side;
  importId: number;
  datasetId: number;
  format: ImportFormat;
  mode: ImportMode;
  onError: OnError;
  mapping?: ColumnMapping;
  actor: Actor;
  requestId: string;
}

/** A reason to fail the import that is the user's to fix, not a crash. */
class ImportRefused extends Error {}

/** How often a write transaction that lost a lock (deadlock, lock wait timeout) is tried again. */
const LOCK_RETRIES = 5;

/**
 * Starts an import: checks the dataset, size and mapping now (so bad requests fail fast), records a
 * `pending` import and its job, stores the file beside the job, and leaves the work to a worker
 * (docs/jobs.md). With `wait` the request runs its own job (or waits for the worker that took it)
 * and answers with the finished import; a tier limit refusal is then thrown as FORBIDDEN.
 */
export async function startImport(
  scope: WriteScope,
  _org: LimitSubject,
  side: Side,
  req: ImportRequest,
  tuning: ImportTuning = {},
): Promise<{ importId: number; import: ImportView | null }> {
  const t = tablesFor(side);
  const ds = await getDataset(scope.db, scope.orgId, side, req.datasetId);
  assertImportSize(req);
  const mapping = normalizeMapping(ds.schema, req.mapping);
  const { importId, jobId } = await scope.db.transaction(async (tx) => {
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
    const payload: ImportPayload = { side, importId: created!.id, datasetId: ds.id, format: req.format, mode: req.mode, onError: req.onError, mapping, actor: scope.actor, requestId: scope.requestId };
    // Parked until the file is stored: a worker must never see half an upload.
    const jobId = await enqueueJob(tx, { organizationId: scope.orgId, kind: IMPORT_JOB, subject: `${side}:${ds.id}`, refId: created!.id, payload: payload as unknown as Record<string, unknown> });
    await tx.update(jobs).set({ notBefore: PARKED }).where(eq(jobs.id, jobId));
    await recordAudit(tx, scope, {
      action: `${side}.import.start`,
      targetType: `${side}_import`,
      targetId: created!.id,
      diff: { datasetId: ds.id, format: req.format, mode: req.mode, onError: req.onError, fileName: req.fileName },
    });
    return { importId: created!.id, jobId };
  });
  try {
    await storeJobBlob(scope.db, scope.orgId, jobId, bodyStream(req));
    await scope.db.update(jobs).set({ notBefore: null }).where(eq(jobs.id, jobId));
  } catch (err) {
    const reason = `The upload could not be stored, so nothing was imported: ${describeDbError(err)}`;
    await markFailed(scope.db, { orgId: scope.orgId, side, importId, datasetId: ds.id, actor: scope.actor, requestId: scope.requestId }, reason, null);
    await finishJob(scope.db, jobId, { status: "failed", error: reason });
    throw err;
  }
  if (!req.wait) {
    ensureImportWorker(scope.db);
    return { importId, import: null };
  }
  await runOwnJob(scope.db, jobId, tuning);
  const view = await getImport(scope.db, scope.orgId, side, importId);
  const job = await jobFor(scope.db, scope.orgId, IMPORT_JOB, importId, `${side}:`);
  const failure = job?.failure as { code?: string; message?: string; details?: Record<string, unknown> } | null;
  if (view.status === "failed" && failure?.code === "FORBIDDEN") throw forbidden(failure.message ?? view.error ?? "Limit reached", failure.details);
  return { importId, import: view };
}

/** `not_before` of a job whose file is still arriving. */
const PARKED = new Date("9999-01-01T00:00:00Z");

/** Starts this process's import worker on demand (it stops again when idle), or wakes the running one. */
export function ensureImportWorker(db: Db, opts: { permanent?: boolean } = {}) {
  return ensureWorker({ db, kind: IMPORT_JOB, handler: (d, job, ctx) => runImportJob(d, job, ctx), idleExitMs: opts.permanent ? undefined : 5_000 });
}

/**
 * A waiting request runs its own job: it takes a slot like any worker (so imports stay bounded),
 * claims the job if no worker did, and otherwise waits for the worker that has it.
 */
async function runOwnJob(db: Db, jobId: number, tuning: ImportTuning): Promise<void> {
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const [state] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
    if (!state || state.status === "done" || state.status === "failed") return;
    if (state.status === "queued") {
      await jobSlots.take();
      try {
        const job = await claimJob(db, IMPORT_JOB, workerId, jobId);
        if (job) {
          await runClaimedJob(db, job, (d, j, ctx) => runImportJob(d, j, ctx, tuning));
          continue;
        }
      } finally {
        jobSlots.release();
      }
    }
    // Behind another import of the same dataset, or running in a worker: look again shortly.
    ensureImportWorker(db);
    await new Promise((r) => setTimeout(r, wait));
  }
}

interface ImportRef {
  orgId: string;
  side: Side;
  importId: number;
  datasetId: number;
  actor: Actor;
  requestId: string;
}

/**
 * The worker's side: runs one claimed import job to `completed` or `failed`. Never rejects. A job
 * whose earlier run died (its lease lapsed) starts again from the stored file — the earlier run's
 * transaction was rolled back with its connection, so nothing of it remains.
 */
export async function runImportJob(db: Db, job: JobRow, ctx: JobContext, tuning: ImportTuning = {}): Promise<void> {
  const p = job.payload as unknown as ImportPayload;
  const ref: ImportRef = { orgId: job.organizationId, side: p.side, importId: p.importId, datasetId: p.datasetId, actor: p.actor, requestId: p.requestId };
  const i = tablesFor(p.side).imports;
  const [current] = await db.select({ status: i.status }).from(i).where(and(eq(i.organizationId, ref.orgId), eq(i.id, ref.importId)));
  if (!current || current.status === "completed" || current.status === "failed") {
    // Finished by an earlier run that died before closing its job (or the import is gone).
    await finishJob(db, job.id, { status: current?.status === "failed" ? "failed" : "done" });
    return;
  }
  if (job.resumed && job.attempts > job.maxAttempts) {
    const reason = `The import was interrupted ${job.attempts - 1} times (the worker running it stopped: process killed or restarted); nothing was written. Run it again.`;
    await markFailed(db, ref, reason, null);
    await finishJob(db, job.id, { status: "failed", error: reason });
    return;
  }
  if (job.resumed) log("warn", "resuming an import whose worker died", { importId: ref.importId, side: ref.side, attempt: job.attempts });
  const progress = new ImportProgress(db, p.side, ref.orgId, ref.importId, tuning);
  let spool: RowSpool | null = null;
  let read: ReadResult | null = null;
  try {
    const now = new Date();
    await db.update(i).set({ status: "processing", startedAt: now, heartbeatAt: now, rowsDone: 0, rowsTotal: 0 }).where(and(eq(i.organizationId, ref.orgId), eq(i.id, ref.importId)));
    const ds = await getDataset(db, ref.orgId, p.side, p.datasetId);
    spool = await RowSpool.create();
    read = await readImportFile({ input: readJobBlob(db, ref.orgId, job.id), format: p.format, schema: ds.schema, side: p.side, mapping: p.mapping, spool, progress });
    if (read.fatal) throw new ImportRefused(read.fatal);
    if (read.invalidRows > 0 && p.onError === "abort") {
      const first = read.errors[0];
      throw new ImportRefused(
        `${read.invalidRows} of ${read.rowsTotal} rows are invalid${first ? ` (first: line ${first.line}: ${first.message})` : ""}; nothing was written because onError is "abort" — fix them, or import with onError "skip" to write the valid rows`,
      );
    }
    const org = await getOrgById(db, ref.orgId);
    if (!org) throw new ImportRefused("The organization no longer exists");
    await progress.report("writing", 0, read.rowsTotal, true);
    const outcome = await writeWithRetries(db, { job, ctx, ref, p, org, schema: ds.schema, read, spool, progress, tuning });
    await finishJob(db, job.id, { status: "done" });
    if (outcome.changed) await notifyDatasetChanged({ db, orgId: ref.orgId, side: p.side, datasetId: p.datasetId, version: outcome.version });
    await notifyImportFinished({ db, orgId: ref.orgId, side: p.side, datasetId: p.datasetId, importId: ref.importId, status: "completed", changed: outcome.changed, version: outcome.version, error: null });
  } catch (err) {
    if (ctx.signal.aborted) {
      // Another worker owns the job now; it records the outcome.
      log("warn", "import stopped: lease lost", { importId: ref.importId });
      return;
    }
    const limit = err instanceof TRPCError && err.code === "FORBIDDEN" ? err : null;
    const reason = reasonOf(err);
    await progress.settle();
    await markFailed(db, ref, reason, read).catch((e: unknown) => log("error", "could not mark import failed", { importId: ref.importId, side: ref.side, error: describeDbError(e) }));
    const details = limit ? (limit.cause as { details?: Record<string, unknown> } | undefined)?.details : undefined;
    await finishJob(db, job.id, { status: "failed", error: reason, failure: limit ? { code: "FORBIDDEN", message: limit.message, details } : undefined }).catch((e: unknown) =>
      log("error", "could not close import job", { jobId: job.id, error: describeDbError(e) }),
    );
    await notifyImportFinished({ db, orgId: ref.orgId, side: p.side, datasetId: p.datasetId, importId: ref.importId, status: "failed", changed: false, version: null, error: reason });
  } finally {
    await spool?.dispose().catch(() => undefined);
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof ImportRefused || err instanceof TRPCError) return err.message;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === "string" && e.code.startsWith("CSV_")) return `Malformed CSV: ${String(e.message)}`;
  log("error", "import crashed", { error: err instanceof Error ? (err.stack ?? err.message).slice(0, 4000) : String(err) });
  return `The import failed unexpectedly and nothing was written: ${describeDbError(err)}`;
}

async function markFailed(db: Db, ref: ImportRef, reason: string, read: ReadResult | null): Promise<void> {
  const i = tablesFor(ref.side).imports;
  const stats: ImportStats = { inserted: 0, updated: 0, unchanged: 0, removed: 0, errors: read?.invalidRows ?? 0, errorEntries: read?.errorEntries ?? 0 };
  const now = new Date();
  await db
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
    .where(and(eq(i.organizationId, ref.orgId), eq(i.id, ref.importId)));
  await recordAudit(db, { orgId: ref.orgId, actor: ref.actor, requestId: ref.requestId }, { action: `${ref.side}.import.fail`, targetType: `${ref.side}_import`, targetId: ref.importId, diff: { datasetId: ref.datasetId, reason: reason.slice(0, 1000) } });
}

/**
 * The write transaction, tried again when InnoDB picked it as a deadlock victim or a lock wait timed
 * out: both leave nothing behind, so a retry after a short, growing, jittered pause is safe.
 */
/** Everything pass 2 works from, gathered once by the job. */
interface WritePass {
  job: JobRow;
  ctx: JobContext;
  ref: ImportRef;
  p: ImportPayload;
  org: LimitSubject;
  schema: SchemaJson;
  read: ReadResult;
  spool: RowSpool;
  progress: ImportProgress;
  tuning: ImportTuning;
}

async function writeWithRetries(db: Db, w: WritePass): Promise<{ changed: boolean; version: number }> {
  const { ctx, ref } = w;
  for (let attempt = 1; ; attempt++) {
    try {
      return await transactionKeepingCause<{ changed: boolean; version: number }, Tx>(
        (run) => db.transaction(run, { isolationLevel: "read committed" }),
        (tx) => writeImport(tx, w),
      );
    } catch (err) {
      if (!isRetryableLockError(err) || attempt >= LOCK_RETRIES || ctx.signal.aborted) throw err;
      const pause = 100 * 2 ** attempt * (0.5 + Math.random());
      log("warn", "import write lost a lock; retrying", { importId: ref.importId, attempt, pauseMs: Math.round(pause), error: describeDbError(err) });
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/**
 * Pass 2, in ONE transaction so any failure leaves the dataset exactly as it was: lock the dataset,
 * load existing content hashes, check the row limit on the resulting count, write changed rows in
 * batches bounded by rows and bytes, remove absent rows (replace), then rebuild dimensions and bump
 * the version if anything changed. The import's final state and its job's are written in the same
 * transaction.
 */
async function writeImport(tx: Tx, w: WritePass): Promise<{ changed: boolean; version: number }> {
  const { job, ctx, ref, p, org, schema, read, spool, progress, tuning } = w;
  const { side, orgId, importId } = ref;
  const t = tablesFor(side);
  const batchSize = tuning.batchSize ?? DEFAULT_BATCH_SIZE;
  const ds = await getDataset(tx, orgId, side, p.datasetId, { forUpdate: true });
  if (JSON.stringify(ds.schema) !== JSON.stringify(schema)) throw new ImportRefused("The schema changed while the file was being read; run the import again");
  const maxBytes = tuning.maxStatementBytes ?? (await statementByteBudget(tx));
  const existing = await loadContentHashes(tx, side, orgId, ds.id);
  let inserted = 0;
  for (const k of read.validKeys.keys()) if (!existing.has(k)) inserted++;
  const removeHashes: string[] = [];
  if (p.mode === "replace") {
    for (const k of existing.keys()) if (!read.validKeys.has(k) && !read.invalidKeys.has(k)) removeHashes.push(k);
  }
  const rowCount = existing.size - removeHashes.length + inserted;
  assertWithinLimit(org, limitsFor[side].rows, rowCount);

  let updated = 0;
  let unchanged = 0;
  let done = read.invalidRows;
  let batch: string[] = [];
  let batchBytes = 0;
  let batchLines: [number, number] = [0, 0];
  // One statement in flight while the next is built: client and server work overlap.
  let inflight: Promise<unknown> | null = null;
  const send = async () => {
    const statement = upsertStatementOf(side, batch);
    const lines = batchLines;
    batch = [];
    batchBytes = 0;
    if (inflight) await inflight;
    if (ctx.signal.aborted) throw ctx.signal.reason;
    inflight = tx.execute(sql.raw(statement)).catch((err: unknown) => {
      if (isPacketTooLarge(err)) throw new ImportRefused(`Lines ${lines[0]}–${lines[1]} are too large for one statement of this database (max_allowed_packet): ${describeDbError(err)}`);
      throw err;
    });
    // Marked handled here (it is awaited below); an early exit must not leave an unhandled rejection.
    inflight.catch(() => undefined);
  };
  const add = async (row: PreparedRow) => {
    const values = rowValues(side, orgId, ds.id, row);
    const bytes = Buffer.byteLength(values, "utf8") + 2;
    if (bytes + 1024 > maxBytes) {
      throw new ImportRefused(
        `Line ${row.line}: this row is ${kb(bytes)} once encoded, more than the ${kb(maxBytes)} the database takes in one statement (max_allowed_packet); shorten its values`,
      );
    }
    if (batch.length > 0 && (batch.length >= batchSize || batchBytes + bytes + 1024 > maxBytes)) {
      await send();
      await progress.report("writing", done, read.rowsTotal);
    }
    if (batch.length === 0) batchLines = [row.line, row.line];
    batch.push(values);
    batchBytes += bytes;
    batchLines[1] = row.line;
  };
  const slicer = new TimeSlicer();
  const keepFields = p.mode === "upsert";
  for await (const rows of spool.rows()) {
    // Rows that exist and leave fields out keep those fields' stored values (upsert only).
    const needStored = keepFields ? rows.filter((r) => r.absent.length > 0 && existing.has(r.keyHash)).map((r) => r.keyHash) : [];
    const stored = needStored.length > 0 ? await loadStoredAttrs(tx, side, orgId, ds.id, needStored) : null;
    for (const given of rows) {
      if (slicer.due()) await slicer.pause();
      const before = existing.get(given.keyHash);
      const storedAttrs = stored?.get(given.keyHash);
      const row = storedAttrs ? keepAbsentFields(schema, given, storedAttrs) : given;
      if (before === row.contentHash) unchanged++;
      else {
        if (before !== undefined) updated++;
        await add(row);
      }
      done++;
    }
    await progress.report("writing", done, read.rowsTotal);
  }
  if (batch.length > 0) await send();
  if (inflight) await inflight;
  await deleteRowsByHash(tx, side, orgId, ds.id, removeHashes);

  const changed = inserted + updated + removeHashes.length > 0;
  const version = changed ? ds.version + 1 : ds.version;
  if (changed) {
    await tx
      .update(t.datasets)
      .set({ rowCount, version, status: rowCount > 0 ? "ready" : "empty" })
      .where(and(eq(t.datasets.organizationId, orgId), eq(t.datasets.id, ds.id)));
    if (side === "source") await rebuildDimensionIndex(tx, orgId, ds.id, ds.schema.dimensions);
  }
  const stats = { inserted, updated, unchanged, removed: removeHashes.length, errors: read.invalidRows, errorEntries: read.errorEntries };
  await progress.settle();
  if (ctx.signal.aborted) throw ctx.signal.reason;
  const now = new Date();
  await tx
    .update(t.imports)
    .set({ status: "completed", statsJson: stats, errorsJson: read.errors, warningsJson: read.warnings, rowsTotal: read.rowsTotal, rowsDone: read.rowsTotal, finishedAt: now, heartbeatAt: now })
    .where(and(eq(t.imports.organizationId, orgId), eq(t.imports.id, importId)));
  await tx.update(jobs).set({ status: "done", finishedAt: now, leaseUntil: null }).where(eq(jobs.id, job.id));
  await recordAudit(tx, { orgId, actor: ref.actor, requestId: ref.requestId }, { action: `${side}.import.complete`, targetType: `${side}_import`, targetId: importId, diff: { datasetId: ds.id, version, ...stats } });
  return { changed, version };
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
