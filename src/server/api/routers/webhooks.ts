import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "~/server/api/trpc";
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, testWebhook, updateWebhook, WEBHOOK_EVENTS } from "~/server/webhooks";

const id = z.number().int().positive();
const url = z.string().trim().url().max(2048);
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const description = z.string().trim().max(255).nullable();

/** `org.webhooks.*`: admin only; hook ids of another organization answer NOT_FOUND. */
export const webhooksRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx.db, ctx.org.id)),
  /** The answer carries `secret`, shown this once. */
  create: adminProcedure
    .input(z.object({ url, events, description: description.optional() }))
    .mutation(({ ctx, input }) => createWebhook(ctx.scope, input)),
  /** `enabled: true` turns a hook back on after the platform disabled it; `rotateSecret` answers a new secret once. */
  update: adminProcedure
    .input(z.object({ id, url: url.optional(), events: events.optional(), description: description.optional(), enabled: z.boolean().optional(), rotateSecret: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateWebhook(ctx.scope, input.id, input)),
  delete: adminProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteWebhook(ctx.scope, input.id)),
  /** Sends a `webhook.test` event now and answers with the endpoint's response code. */
  test: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await getWebhook(ctx.db, ctx.org.id, input.id);
    return testWebhook(ctx.db, ctx.org.id, input.id);
  }),
  deliveries: adminProcedure
    .input(z.object({ id, limit: z.number().int().min(1).max(100).default(25), cursor: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.org.id, input.id, input)),
});
