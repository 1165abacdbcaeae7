import "server-only";
import { db } from "~/server/db";
import { configureDrainer, configuredSink } from "~/server/sync";
import { configureWebhookDrainer, kickWebhooks } from "~/server/webhooks";

const g = globalThis as unknown as { servicesStarted?: boolean };

/**
 * Process-wide wiring the route handlers need once: the Convex outbox drainer (a no-op
 * without Convex configured). Idempotent across Next's hot reloads.
 */
export function startServices(): void {
  if (g.servicesStarted) return;
  g.servicesStarted = true;
  configureDrainer(db, configuredSink());
  // Webhook deliveries left pending by a previous process are picked up on start.
  configureWebhookDrainer(db);
  void kickWebhooks();
}
