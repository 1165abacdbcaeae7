import { and, asc, count, eq, inArray, like, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { affectedRows, rowsOf } from "~/server/db/results";
import { jobBlobs, jobs } from "~/server/db/schema";

/**
 * A durable queue in the database (docs/jobs.md). Work is claimed with `SELECT … FOR UPDATE SKIP
 * LOCKED` (MariaDB ≥ 10.6, MySQL 8, PlanetScale), so any number of workers — a long-running
 * `npm run worker`, the dev server's in-process worker, a serverless cron drain — share one queue
 * without handing out a job twice. A claimed job carries a lease its worker renews; when the lease
 * runs out (the process was killed) the job is claimable again and is retried from its stored input.
 */

/** How long a claim lasts without renewal. A killed worker's job is picked up this long after it died. */
export const LEASE_MS = 10_000;
/** How often a running job's worker renews its lease. */
export const HEARTBEAT_MS = 2_000;

export interface JobRow {
  id: number;
  organizationId: string;
  kind: string;
  subject: string;
  refId: number;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  /** Whether an earlier claim of this job lost its lease (its worker died mid-run). */
  resumed: boolean;
}

export interface NewJob {
  organizationId: string;
  kind: string;
  subject: string;
  refId: number;
  payload: Record<string, unknown>;
  maxAttempts?: number;
}

/** Records a job; it is claimable as soon as the surrounding transaction (if any) commits. */
export async function enqueueJob(db: DbOrTx, job: NewJob): Promise<number> {
  const [created] = await db
    .insert(jobs)
    .values({ organizationId: job.organizationId, kind: job.kind, subject: job.subject, refId: job.refId, payloadJson: job.payload, maxAttempts: job.maxAttempts ?? 3 })
    .$returningId();
  return created!.id;
}

// Claimable: queued and due, or running with a lapsed lease. Only the oldest unfinished job of a
// subject qualifies, so jobs on one dataset run one at a time and in the order they were sent.
const claimable = sql`((j.status = 'queued' AND (j.not_before IS NULL OR j.not_before <= NOW(3)))
   OR (j.status = 'running' AND j.lease_until < NOW(3)))`;

/**
 * Claims the next job of `kind` for `owner`, or returns null. Two steps: a plain read picks the
 * oldest claimable job of each free subject (a locking read would skip rows another claimer holds
 * and so misjudge "oldest"), then the first of them not locked by another claimer is taken.
 * `onlyId` claims one specific job (a request running its own import).
 */
export async function claimJob(db: Db, kind: string, owner: string, onlyId?: number): Promise<JobRow | null> {
  const candidates = rowsOf<{ id: number }>(
    await db.execute(sql`
      SELECT j.id FROM jobs j
      WHERE j.kind = ${kind} AND ${claimable} ${onlyId === undefined ? sql`` : sql`AND j.id = ${onlyId}`}
        AND NOT EXISTS (SELECT 1 FROM jobs e WHERE e.kind = j.kind AND e.subject = j.subject AND e.id < j.id AND e.status IN ('queued', 'running'))
      ORDER BY j.id LIMIT 20`),
  ).map((r) => Number(r.id));
  if (candidates.length === 0) return null;
  return db.transaction(async (tx) => {
    const [row] = rowsOf<{ id: number; status: string }>(
      await tx.execute(sql`
        SELECT j.id, j.status FROM jobs j
        WHERE j.id IN (${sql.join(candidates.map((c) => sql`${c}`), sql`, `)}) AND ${claimable}
        ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED`),
    );
    if (!row) return null;
    const id = Number(row.id);
    await tx
      .update(jobs)
      .set({ status: "running", leaseOwner: owner, leaseUntil: sql`NOW(3) + INTERVAL ${LEASE_MS * 1000} MICROSECOND`, attempts: sql`${jobs.attempts} + 1` })
      .where(eq(jobs.id, id));
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, id));
    return {
      id,
      organizationId: job!.organizationId,
      kind: job!.kind,
      subject: job!.subject,
      refId: job!.refId,
      payload: job!.payloadJson,
      attempts: job!.attempts,
      maxAttempts: job!.maxAttempts,
      resumed: row.status === "running",
    };
  });
}

/** Extends the lease; false when the job is no longer this owner's (its lease lapsed and another took it). */
export async function renewLease(db: Db, jobId: number, owner: string): Promise<boolean> {
  const res = await db
    .update(jobs)
    .set({ leaseUntil: sql`NOW(3) + INTERVAL ${LEASE_MS * 1000} MICROSECOND` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner), eq(jobs.status, "running")));
  return affectedRows(res) > 0;
}

/** Marks a job finished (done or failed for good) and drops its stored input. */
export async function finishJob(db: DbOrTx, jobId: number, outcome: { status: "done" | "failed"; error?: string; failure?: Record<string, unknown> }): Promise<void> {
  await db
    .update(jobs)
    .set({ status: outcome.status, lastError: outcome.error?.slice(0, 10_000) ?? null, failureJson: outcome.failure ?? null, finishedAt: new Date(), leaseUntil: null })
    .where(eq(jobs.id, jobId));
  await db.delete(jobBlobs).where(eq(jobBlobs.jobId, jobId));
}

/** Puts a claimed job back in the queue, claimable again after `delayMs` (a retryable failure). */
export async function requeueJob(db: Db, jobId: number, owner: string, error: string, delayMs: number): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "queued", lastError: error.slice(0, 10_000), leaseOwner: null, leaseUntil: null, notBefore: sql`NOW(3) + INTERVAL ${Math.round(delayMs * 1000)} MICROSECOND` })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner)));
}

export interface JobState {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  attempts: number;
  lastError: string | null;
  failure: Record<string, unknown> | null;
  /** Queued jobs (of any organization) that will be claimed before this one; null unless queued. */
  ahead: number | null;
}

/** The job behind a record of the organization (e.g. an import), with its queue position. */
export async function jobFor(db: Db, orgId: string, kind: string, refId: number, subjectPrefix = ""): Promise<JobState | null> {
  const [job] = await db
    .select({ id: jobs.id, status: jobs.status, attempts: jobs.attempts, lastError: jobs.lastError, failure: jobs.failureJson })
    .from(jobs)
    .where(and(eq(jobs.organizationId, orgId), eq(jobs.kind, kind), eq(jobs.refId, refId), like(jobs.subject, `${subjectPrefix}%`)))
    .orderBy(asc(jobs.id))
    .limit(1);
  if (!job) return null;
  let ahead: number | null = null;
  if (job.status === "queued") {
    const [n] = await db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.status, ["queued", "running"]), lt(jobs.id, job.id)));
    ahead = Number(n?.n ?? 0);
  }
  return { ...job, failure: job.failure ?? null, ahead };
}
