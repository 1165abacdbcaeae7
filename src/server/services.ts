import "server-only";
import { env } from "~/env";
import { ensureImportWorker } from "~/server/catalog";
import { createDb } from "~/server/db/client";
import { db } from "~/server/db";
import { configureDrainer, configuredSink } from "~/server/sync";
import { configureWebhookDrainer, kickWebhooks } from "~/server/webhooks";

const g = globalThis as unknown as { servicesStarted?: boolean };

/**
 * Process-wide wiring the route handlers need once: the Convex outbox drainer (a no-op
 * without Convex configured) and the import worker (docs/jobs.md) on a pool of its own, so
 * imports never take the connections interactive and public requests need. Idempotent across
 * Next's hot reloads.
 */
export function startServices(): void {
  if (g.servicesStarted) return;
  g.servicesStarted = true;
  configureDrainer(db, configuredSink());
  // Webhook deliveries left pending by a previous process are picked up on start.
  configureWebhookDrainer(db);
  void kickWebhooks();
  if (env.IMPORT_WORKER === "on") {
    const jobsDb = createDb(env.DATABASE_URL, { connectionLimit: env.JOB_CONCURRENCY * 2 + 1 });
    ensureImportWorker(jobsDb.db, { permanent: true });
  }
}
