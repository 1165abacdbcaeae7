import { z } from "zod";
import { env, workosConfigured } from "~/env";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import {
  DEV_SESSION_COOKIE,
  assertDevSignInAllowed,
  devSignIn,
  encodeDevSession,
  listDevOrganizations,
} from "~/server/auth/dev-session";
import { planTiers } from "~/server/db/schema";

function setSessionCookie(resHeaders: Headers | undefined, value: string, maxAge: number) {
  resHeaders?.append(
    "set-cookie",
    `${DEV_SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`,
  );
}

/** Sign-in state for the dashboard, and the dev sign-in used where WorkOS is not configured. */
export const authRouter = createTRPCRouter({
  status: publicProcedure.query(({ ctx }) => ({
    mode: workosConfigured ? ("workos" as const) : env.NODE_ENV === "production" ? ("none" as const) : ("dev" as const),
    signedIn: ctx.session !== null,
    organization: ctx.session?.org ?? null,
    role: ctx.session?.role ?? null,
  })),

  devOrganizations: publicProcedure.query(({ ctx }) => {
    assertDevSignInAllowed(env.NODE_ENV, workosConfigured);
    return listDevOrganizations(ctx.db);
  }),

  devSignIn: publicProcedure
    .input(
      z.object({
        email: z.string().trim().email().max(320),
        name: z.string().trim().max(255).optional(),
        organizationId: z.string().max(255).optional(),
        newOrganization: z.object({ name: z.string().trim().min(1).max(255), planTier: z.enum(planTiers).optional() }).optional(),
        role: z.enum(["admin", "member"]).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertDevSignInAllowed(env.NODE_ENV, workosConfigured);
      const session = await devSignIn(ctx.db, input);
      setSessionCookie(ctx.resHeaders, encodeDevSession(session, env.DEV_SESSION_SECRET), 60 * 60 * 24 * 30);
      return session;
    }),

  signOut: publicProcedure.mutation(({ ctx }) => {
    setSessionCookie(ctx.resHeaders, "", 0);
    return { signedOut: true };
  }),
});
