import { convexConfigured, env } from "~/env";
import type { Db } from "~/server/db/client";
import { log } from "~/server/log";
import { createConvexHttpSink, type SyncSink } from "./convex-sink";
import { drainAll, nextDueAt } from "./outbox";

export { enqueueSync, outboxStatus, drainAll, drainBatch, type PendingDelivery } from "./outbox";
export type { Delivery } from "./convex-sink";

/** The configured sink, or null when Convex is not configured (the outbox then just waits). */
export function configuredSink(): SyncSink | null {
  if (!convexConfigured) return null;
  return createConvexHttpSink({ siteUrl: env.CONVEX_SITE_URL!, secret: env.CONVEX_SYNC_SECRET! });
}

interface Drainer {
  db: Db;
  sink: SyncSink;
  running: Promise<void> | null;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

let drainer: Drainer | null = null;

/** Points the background drainer at a database and sink (the app does this on first use; tests inject fakes). */
export function configureDrainer(db: Db, sink: SyncSink | null): void {
  if (drainer?.timer) clearTimeout(drainer.timer);
  drainer = sink ? { db, sink, running: null, again: false, timer: null } : null;
}

async function runDrain(d: Drainer): Promise<void> {
  do {
    d.again = false;
    const r = await drainAll(d.db, (batch) => d.sink.deliver(batch));
    if (r.error) log("warn", "sync delivery failed; will retry", { failed: r.failed, error: r.error });
  } while (d.again);
  // Whatever is still pending (failed batches) is retried when its backoff expires.
  const due = await nextDueAt(d.db);
  if (due && !d.timer) {
    const wait = Math.max(250, due.getTime() - Date.now());
    d.timer = setTimeout(() => {
      d.timer = null;
      kickDrain();
    }, wait);
    d.timer.unref?.();
  }
}

/**
 * Call after a commit that enqueued sync work. Coalesces: at most one drain runs per process,
 * and a kick during a run makes it go round once more. Never throws; with no sink it does nothing.
 */
export function kickDrain(): Promise<void> {
  const d = drainer;
  if (!d) return Promise.resolve();
  if (d.running) {
    d.again = true;
    return d.running;
  }
  d.running = runDrain(d)
    .catch((err) => log("error", "sync drain crashed", { error: (err as Error).message }))
    .finally(() => {
      d.running = null;
    });
  return d.running;
}
