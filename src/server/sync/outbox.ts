import { and, asc, count, eq, lte, min, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { syncOutbox } from "~/server/db/schema";
import type { Delivery } from "./convex-sink";

/** A delivery before the outbox gives it an id. */
export type PendingDelivery = Delivery extends infer D ? (D extends Delivery ? Omit<D, "id"> : never) : never;

/**
 * Records sync work. Call it with the transaction of the change it describes: the change and
 * its sync entry commit or roll back together, so Convex can never miss a committed change.
 */
export async function enqueueSync(tx: DbOrTx, delivery: PendingDelivery): Promise<void> {
  await tx.insert(syncOutbox).values({
    organizationId: delivery.organizationId,
    kind: delivery.kind,
    pageId: Number(delivery.pageId) || null,
    payloadJson: delivery,
  });
}

/** Exponential backoff with a ceiling: 2s, 4s, 8s … 5 min, plus up to 20% jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(2 ** Math.max(1, attempts) * 1000, 5 * 60_000);
  return Math.round(base * (1 + 0.2 * random()));
}

export interface DrainResult {
  delivered: number;
  failed: number;
  error?: string;
}

/**
 * Delivers due entries in id order, one batch per call. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so two drainers (two app instances, or the operator script)
 * never send the same batch at once; a failed batch is rescheduled with backoff.
 */
export async function drainBatch(
  db: Db,
  deliver: (deliveries: Delivery[]) => Promise<void>,
  opts: { batchSize?: number; now?: Date; organizationId?: string } = {},
): Promise<DrainResult> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: syncOutbox.id, payload: syncOutbox.payloadJson, attempts: syncOutbox.attempts })
      .from(syncOutbox)
      .where(
        and(
          eq(syncOutbox.status, "pending"),
          lte(syncOutbox.nextAttemptAt, now),
          opts.organizationId ? eq(syncOutbox.organizationId, opts.organizationId) : undefined,
        ),
      )
      .orderBy(asc(syncOutbox.id))
      .limit(opts.batchSize ?? 200)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return { delivered: 0, failed: 0 };
    const ids = rows.map((r) => r.id);
    const toDelivery = (r: (typeof rows)[number]) => ({ ...(r.payload as PendingDelivery), id: String(r.id) }) as Delivery;
    try {
      await deliver(rows.map(toDelivery));
    } catch (err) {
      const message = (err as Error).message.slice(0, 2000);
      if (isRejected(err)) {
        // The sink refused the content (not an outage): find the poison entries one by one so
        // they cannot block everything queued behind them forever.
        return deliverOneByOne(tx, rows, toDelivery, deliver, now);
      }
      for (const r of rows) {
        await tx
          .update(syncOutbox)
          .set({
            attempts: r.attempts + 1,
            nextAttemptAt: new Date(now.getTime() + backoffMs(r.attempts + 1)),
            lastError: message,
          })
          .where(eq(syncOutbox.id, r.id));
      }
      return { delivered: 0, failed: rows.length, error: message };
    }
    await tx
      .update(syncOutbox)
      .set({ status: "delivered", deliveredAt: now, lastError: null, attempts: sql`${syncOutbox.attempts} + 1` })
      .where(sql`${syncOutbox.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    return { delivered: rows.length, failed: 0 };
  });
}

/** A refusal of the content itself (HTTP 400), as opposed to an outage worth retrying. */
function isRejected(err: unknown): boolean {
  return (err as { retryable?: unknown }).retryable === false;
}

/** Entries the sink rejects are parked for a day with the reason; an operator sees them in `sync.status`. */
const PARK_MS = 24 * 3_600_000;

async function deliverOneByOne(
  tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
  rows: { id: number; payload: unknown; attempts: number }[],
  toDelivery: (r: { id: number; payload: unknown; attempts: number }) => Delivery,
  deliver: (deliveries: Delivery[]) => Promise<void>,
  now: Date,
): Promise<DrainResult> {
  const result: DrainResult = { delivered: 0, failed: 0 };
  for (const r of rows) {
    try {
      await deliver([toDelivery(r)]);
      await tx.update(syncOutbox).set({ status: "delivered", deliveredAt: now, lastError: null, attempts: r.attempts + 1 }).where(eq(syncOutbox.id, r.id));
      result.delivered++;
    } catch (err) {
      const message = (err as Error).message.slice(0, 2000);
      const wait = isRejected(err) ? PARK_MS : backoffMs(r.attempts + 1);
      await tx
        .update(syncOutbox)
        .set({ attempts: r.attempts + 1, nextAttemptAt: new Date(now.getTime() + wait), lastError: isRejected(err) ? `rejected: ${message}` : message })
        .where(eq(syncOutbox.id, r.id));
      result.failed++;
      result.error = message;
      if (!isRejected(err)) break; // an outage: stop here, keep order for the rest
    }
  }
  return result;
}

/** Drains until nothing is due or a batch fails. */
export async function drainAll(
  db: Db,
  deliver: (deliveries: Delivery[]) => Promise<void>,
  opts: { batchSize?: number; now?: Date; maxBatches?: number; organizationId?: string } = {},
): Promise<DrainResult> {
  const total: DrainResult = { delivered: 0, failed: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 1000); i++) {
    const r = await drainBatch(db, deliver, opts);
    total.delivered += r.delivered;
    total.failed += r.failed;
    if (r.error) return { ...total, error: r.error };
    if (r.delivered === 0) break;
  }
  return total;
}

/** The earliest time a pending entry becomes due, or null when nothing is pending. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: min(syncOutbox.nextAttemptAt) }).from(syncOutbox).where(eq(syncOutbox.status, "pending"));
  return row?.at ? new Date(row.at) : null;
}

/** Outbox health for one organization, for `sync.status`. */
export async function outboxStatus(db: Db, orgId: string) {
  const rows = await db
    .select({ status: syncOutbox.status, n: count(), oldest: min(syncOutbox.createdAt) })
    .from(syncOutbox)
    .where(eq(syncOutbox.organizationId, orgId))
    .groupBy(syncOutbox.status);
  const pending = rows.find((r) => r.status === "pending");
  const [last] = await db
    .select({ error: syncOutbox.lastError, attempts: syncOutbox.attempts, nextAttemptAt: syncOutbox.nextAttemptAt })
    .from(syncOutbox)
    .where(and(eq(syncOutbox.organizationId, orgId), eq(syncOutbox.status, "pending"), sql`${syncOutbox.lastError} is not null`))
    .orderBy(asc(syncOutbox.id))
    .limit(1);
  return {
    pending: Number(pending?.n ?? 0),
    delivered: Number(rows.find((r) => r.status === "delivered")?.n ?? 0),
    oldestPendingAt: pending?.oldest ? new Date(pending.oldest) : null,
    lastError: last?.error ?? null,
    lastErrorAttempts: last?.attempts ?? 0,
    nextAttemptAt: last?.nextAttemptAt ?? null,
  };
}
