import { z } from "zod";
import { adminProcedure, createTRPCRouter, orgProcedure } from "~/server/api/trpc";
import { createApiKey, listApiKeys, revokeApiKey } from "~/server/auth/api-keys";
import { listAudit } from "~/server/audit/list";
import { getOrgUsage } from "~/server/org/usage";
import { updateOrganization } from "~/server/org/update";
import { webhooksRouter } from "./webhooks";

export const orgRouter = createTRPCRouter({
  me: orgProcedure.query(({ ctx }) => ({
    organization: ctx.org,
    role: ctx.session.role,
    actor: ctx.session.actor,
    via: ctx.session.via,
  })),

  usage: orgProcedure.query(({ ctx }) => getOrgUsage(ctx.db, ctx.org)),

  update: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(255).optional(),
        customSubdomain: z.string().max(63).nullable().optional(),
        embedOrigins: z.array(z.string().max(255)).max(50).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateOrganization(ctx.scope, ctx.org, input)),

  apiKeys: createTRPCRouter({
    list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, ctx.org.id)),
    create: adminProcedure
      .input(z.object({ name: z.string().trim().min(1).max(128) }))
      .mutation(({ ctx, input }) => createApiKey(ctx.scope, input.name)),
    revoke: adminProcedure
      .input(z.object({ id: z.number().int().positive() }))
      .mutation(({ ctx, input }) => revokeApiKey(ctx.scope, input.id)),
  }),

  /** Signed webhooks (docs/webhooks.md); the organization is always the caller's. */
  webhooks: webhooksRouter,

  audit: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), cursor: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.org.id, input)),
});
