/**
 * Webhook events and their delivery (docs/webhooks.md). An event is written as one
 * `webhook_deliveries` row per subscribed hook IN THE TRANSACTION of the change it reports (the
 * outbox pattern of `~/server/sync/outbox.ts`, with its backoff): a committed change always gets
 * its delivery, a rolled-back one never does. A drainer posts due rows, signed, and logs each
 * response code; failures retry with backoff; a hook that keeps failing is turned off with a
 * notice the dashboard shows. Every attempt carries the same `webhook-id`, so a receiver that
 * deduplicates on it applies each event exactly once even when a response is lost.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, lte, min } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { webhookDeliveries, webhooks } from "~/server/db/schema";
import { backoffMs } from "~/server/sync/outbox";
import { log } from "~/server/log";
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signPayload } from "./sign";
import { refuseUrl } from "./ssrf";
import type { WebhookEvent } from "./hooks";

/** A delivery gives up after this many attempts (backoff reaches its 5-minute ceiling long before). */
export const MAX_ATTEMPTS = 10;
/** Failed attempts in a row, across deliveries, after which a hook is turned off. */
export const DISABLE_AFTER_FAILURES = 25;
const TIMEOUT_MS = 10_000;

export interface WebhookPayload {
  id: string;
  type: WebhookEvent | "webhook.test";
  createdAt: string;
  data: unknown;
}

/**
 * Records `event` for every enabled hook of the organization that subscribes to it. Call it with
 * the transaction of the change; kick the drainer after commit. Returns the deliveries written.
 */
export async function enqueueEvent(tx: DbOrTx, orgId: string, event: WebhookPayload["type"], data: unknown, opts: { onlyHookId?: number } = {}): Promise<string[]> {
  const hooks = await tx
    .select({ id: webhooks.id, events: webhooks.events, enabled: webhooks.enabled })
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, orgId), opts.onlyHookId ? eq(webhooks.id, opts.onlyHookId) : undefined));
  const targets = hooks.filter((h) => h.enabled && (opts.onlyHookId !== undefined || (h.events as string[]).includes(event)));
  if (targets.length === 0) return [];
  const rows = targets.map((h) => {
    const id = `evt_${randomUUID().replaceAll("-", "")}`;
    const payload: WebhookPayload = { id, type: event, createdAt: new Date().toISOString(), data };
    return { organizationId: orgId, webhookId: h.id, eventId: id, event, payloadJson: payload };
  });
  await tx.insert(webhookDeliveries).values(rows);
  return rows.map((r) => r.eventId);
}

export interface DrainOptions {
  now?: Date;
  batchSize?: number;
  organizationId?: string;
  fetchImpl?: typeof fetch;
  production?: boolean;
  /** Tests shorten `DISABLE_AFTER_FAILURES`. */
  disableAfter?: number;
}

export interface WebhookDrainResult {
  delivered: number;
  failed: number;
}

/** What one POST did: a status code, or the transport error. */
async function post(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, body: string): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetchImpl(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (err) {
    return { status: null, error: (err as Error).message.slice(0, 500) };
  }
}

/**
 * Posts one batch of due deliveries. Rows are claimed `FOR UPDATE SKIP LOCKED`, so two drainers
 * never post the same delivery at once.
 */
export async function drainWebhookBatch(db: Db, opts: DrainOptions = {}): Promise<WebhookDrainResult> {
  const now = opts.now ?? new Date();
  const fetchImpl = opts.fetchImpl ?? fetch;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: webhookDeliveries.id,
        orgId: webhookDeliveries.organizationId,
        webhookId: webhookDeliveries.webhookId,
        eventId: webhookDeliveries.eventId,
        event: webhookDeliveries.event,
        payload: webhookDeliveries.payloadJson,
        attempts: webhookDeliveries.attempts,
      })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          opts.organizationId ? eq(webhookDeliveries.organizationId, opts.organizationId) : undefined,
        ),
      )
      .orderBy(asc(webhookDeliveries.id))
      .limit(opts.batchSize ?? 50)
      .for("update", { skipLocked: true });
    const result: WebhookDrainResult = { delivered: 0, failed: 0 };
    for (const row of rows) {
      const [hook] = await tx
        .select({ url: webhooks.url, secret: webhooks.secret, enabled: webhooks.enabled, failures: webhooks.consecutiveFailures })
        .from(webhooks)
        .where(and(eq(webhooks.organizationId, row.orgId), eq(webhooks.id, row.webhookId)))
        .limit(1);
      if (!hook || !hook.enabled) {
        await tx.update(webhookDeliveries).set({ status: "failed", lastError: "the webhook is disabled" }).where(eq(webhookDeliveries.id, row.id));
        result.failed++;
        continue;
      }
      const body = JSON.stringify(row.payload);
      const refused = await refuseUrl(hook.url, { production: opts.production });
      const outcome = refused
        ? { status: null, error: `refused: ${refused}` }
        : await post(fetchImpl, hook.url, {
            "content-type": "application/json",
            "user-agent": "compat-webhooks/1",
            [EVENT_ID_HEADER]: row.eventId,
            [EVENT_TYPE_HEADER]: row.event,
            [SIGNATURE_HEADER]: signPayload(hook.secret, Math.floor(Date.now() / 1000), body),
          }, body);
      const attempts = row.attempts + 1;
      if (!outcome.error) {
        await tx
          .update(webhookDeliveries)
          .set({ status: "delivered", attempts, lastStatusCode: outcome.status, lastError: null, deliveredAt: now })
          .where(eq(webhookDeliveries.id, row.id));
        await tx.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, row.webhookId));
        result.delivered++;
        continue;
      }
      result.failed++;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await tx
        .update(webhookDeliveries)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          lastStatusCode: outcome.status,
          lastError: outcome.error,
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        })
        .where(eq(webhookDeliveries.id, row.id));
      const failures = hook.failures + 1;
      const disable = failures >= (opts.disableAfter ?? DISABLE_AFTER_FAILURES);
      await tx
        .update(webhooks)
        .set({
          consecutiveFailures: failures,
          ...(disable ? { enabled: false, disabledReason: `Turned off after ${failures} failed deliveries in a row (last: ${outcome.error}) on ${now.toISOString()}` } : {}),
        })
        .where(eq(webhooks.id, row.webhookId));
      if (disable) log("warn", "webhook disabled after sustained failure", { org: row.orgId, webhookId: row.webhookId, failures });
    }
    return result;
  });
}

/** Drains until nothing is due (or `maxBatches`). */
export async function drainWebhooks(db: Db, opts: DrainOptions & { maxBatches?: number } = {}): Promise<WebhookDrainResult> {
  const total = { delivered: 0, failed: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const r = await drainWebhookBatch(db, opts);
    total.delivered += r.delivered;
    total.failed += r.failed;
    if (r.delivered + r.failed === 0 || r.delivered === 0) break;
  }
  return total;
}

async function nextDue(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: min(webhookDeliveries.nextAttemptAt) }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
  return row?.at ? new Date(row.at) : null;
}

const state: { db: Db | null; running: Promise<void> | null; again: boolean; timer: ReturnType<typeof setTimeout> | null } = {
  db: null,
  running: null,
  again: false,
  timer: null,
};

/** Points the background webhook drainer at the app's database (services.ts). */
export function configureWebhookDrainer(db: Db | null): void {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  state.db = db;
}

/** Call after a commit that enqueued events; coalesces like the sync drainer, never throws. */
export function kickWebhooks(): Promise<void> {
  const db = state.db;
  if (!db) return Promise.resolve();
  if (state.running) {
    state.again = true;
    return state.running;
  }
  state.running = (async () => {
    do {
      state.again = false;
      await drainWebhooks(db);
    } while (state.again);
    const due = await nextDue(db);
    if (due && !state.timer) {
      state.timer = setTimeout(() => {
        state.timer = null;
        void kickWebhooks();
      }, Math.max(250, due.getTime() - Date.now()));
      state.timer.unref?.();
    }
  })()
    .catch((err) => log("error", "webhook drain crashed", { error: (err as Error).message }))
    .finally(() => {
      state.running = null;
    });
  return state.running;
}

/** Sends a `webhook.test` event to one hook now and answers with what its endpoint said. */
export async function testWebhook(db: Db, orgId: string, webhookId: number, opts: DrainOptions = {}) {
  const [eventId] = await db.transaction((tx) => enqueueEvent(tx, orgId, "webhook.test", { message: "A test delivery from the dashboard" }, { onlyHookId: webhookId }));
  if (!eventId) return { sent: false as const, reason: "The webhook is turned off" };
  await drainWebhooks(db, { ...opts, organizationId: orgId });
  const [row] = await db
    .select({ status: webhookDeliveries.status, code: webhookDeliveries.lastStatusCode, error: webhookDeliveries.lastError })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.eventId, eventId)));
  return { sent: true as const, status: row?.status ?? "pending", statusCode: row?.code ?? null, error: row?.error ?? null };
}
