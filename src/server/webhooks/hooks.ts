/**
 * An organization's webhook endpoints (docs/webhooks.md). Every query filters by the
 * organization from the context; another tenant's hook id answers NOT_FOUND.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "~/server/db/client";
import { webhookDeliveries, webhooks } from "~/server/db/schema";
import { recordAudit, type WriteScope } from "~/server/audit/audit";
import { badRequest, notFound } from "~/server/errors";
import { newWebhookSecret } from "./sign";
import { refuseUrl } from "./ssrf";
import { beforeCursor, newestFirstPage } from "~/server/db/paging";

export const WEBHOOK_EVENTS = ["page.published", "verdict.changed", "import.completed", "import.failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const MAX_HOOKS_PER_ORG = 20;

const publicColumns = {
  id: webhooks.id,
  url: webhooks.url,
  description: webhooks.description,
  events: webhooks.events,
  enabled: webhooks.enabled,
  disabledReason: webhooks.disabledReason,
  consecutiveFailures: webhooks.consecutiveFailures,
  createdAt: webhooks.createdAt,
  updatedAt: webhooks.updatedAt,
};

export async function listWebhooks(db: Db, orgId: string) {
  return db.select(publicColumns).from(webhooks).where(eq(webhooks.organizationId, orgId)).orderBy(desc(webhooks.id));
}

export async function getWebhook(db: Db, orgId: string, id: number) {
  const [row] = await db.select(publicColumns).from(webhooks).where(and(eq(webhooks.organizationId, orgId), eq(webhooks.id, id))).limit(1);
  if (!row) throw notFound("Webhook", id);
  return row;
}

/** The URLs of the organization's webhooks among `ids` (the audit log names a hook by its URL). */
export async function webhookUrls(db: DbOrTx, orgId: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: webhooks.id, url: webhooks.url }).from(webhooks).where(and(eq(webhooks.organizationId, orgId), inArray(webhooks.id, ids)));
  return new Map(rows.map((r) => [r.id, r.url]));
}

async function checkUrl(url: string) {
  const refused = await refuseUrl(url);
  if (refused) throw badRequest(`This URL cannot receive webhooks: ${refused}`, { field: "url" });
}

export interface WebhookInput {
  url: string;
  description?: string | null;
  events: WebhookEvent[];
}

/** Creates a hook; the answer carries the signing secret, which is never shown again. */
export async function createWebhook(scope: WriteScope, input: WebhookInput) {
  await checkUrl(input.url);
  const existing = await scope.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.organizationId, scope.orgId));
  if (existing.length >= MAX_HOOKS_PER_ORG) throw badRequest(`An organization has at most ${MAX_HOOKS_PER_ORG} webhooks`, { limit: "webhooks", max: MAX_HOOKS_PER_ORG });
  const secret = newWebhookSecret();
  const id = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({ organizationId: scope.orgId, url: input.url, description: input.description ?? null, events: [...new Set(input.events)], secret })
      .$returningId();
    await recordAudit(tx, scope, { action: "webhook.create", targetType: "webhook", targetId: row!.id, diff: { url: input.url, events: input.events } });
    return row!.id;
  });
  return { ...(await getWebhook(scope.db, scope.orgId, id)), secret };
}

/** Turning a hook back on clears the failure streak and the platform's reason. */
export async function updateWebhook(scope: WriteScope, id: number, input: Partial<WebhookInput> & { enabled?: boolean; rotateSecret?: boolean }) {
  const before = await getWebhook(scope.db, scope.orgId, id);
  if (input.url !== undefined) await checkUrl(input.url);
  const secret = input.rotateSecret ? newWebhookSecret() : undefined;
  await scope.db.transaction(async (tx) => {
    await tx
      .update(webhooks)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled, disabledReason: null, consecutiveFailures: 0 } : {}),
        ...(secret ? { secret } : {}),
      })
      .where(and(eq(webhooks.organizationId, scope.orgId), eq(webhooks.id, id)));
    await recordAudit(tx, scope, {
      action: "webhook.update",
      targetType: "webhook",
      targetId: id,
      diff: { url: input.url, events: input.events, enabled: input.enabled, rotatedSecret: Boolean(secret), wasEnabled: before.enabled },
    });
  });
  return { ...(await getWebhook(scope.db, scope.orgId, id)), ...(secret ? { secret } : {}) };
}

export async function deleteWebhook(scope: WriteScope, id: number) {
  await getWebhook(scope.db, scope.orgId, id);
  await scope.db.transaction(async (tx) => {
    await tx.delete(webhookDeliveries).where(and(eq(webhookDeliveries.organizationId, scope.orgId), eq(webhookDeliveries.webhookId, id)));
    await tx.delete(webhooks).where(and(eq(webhooks.organizationId, scope.orgId), eq(webhooks.id, id)));
    await recordAudit(tx, scope, { action: "webhook.delete", targetType: "webhook", targetId: id });
  });
  return { id };
}

/** The delivery log of one hook, newest first. */
export async function listDeliveries(db: Db, orgId: string, webhookId: number, opts: { limit: number; cursor?: number }) {
  await getWebhook(db, orgId, webhookId);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.webhookId, webhookId), beforeCursor(webhookDeliveries.id, opts.cursor)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(opts.limit + 1);
  return newestFirstPage(rows, opts.limit);
}
