import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "~/server/api/trpc";
import { outboxStatus } from "~/server/sync";
import { rebuildPageSync } from "~/server/pages";

export const syncRouter = createTRPCRouter({
  /** Outbox health of this organization: pending, delivered, oldest pending, last error. */
  status: adminProcedure.query(({ ctx }) => outboxStatus(ctx.db, ctx.org.id)),
  /** Re-sends a published page's display, options and cached results to Convex. */
  rebuild: adminProcedure.input(z.object({ pageId: z.number().int().positive() })).mutation(({ ctx, input }) => rebuildPageSync(ctx.scope, input.pageId)),
});
