/**
 * tRPC context and the procedure ladder:
 *   publicProcedure → publicTenantProcedure (tenant from host/path, rate-limited)
 *   → orgProcedure (signed-in member or API key) → adminProcedure.
 * The organization always comes from here, never from procedure input.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "~/server/db/client";
import type { Session } from "~/server/auth/types";
import type { WriteScope } from "~/server/audit/audit";
import { ErrorDetails, notFound, unauthorized } from "~/server/errors";
import { decodeTenantHeader, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { publicRateLimiter, takePrepaid, type PrepaidVerdicts } from "~/server/ratelimit";
import { log } from "~/server/log";

/** Everything a procedure may use; built without I/O so tests construct it directly. */
export interface InnerContext {
  db: Db;
  session: Session | null;
  /** Set only by `middleware.ts` (client copies are stripped there). */
  tenant: TenantRef | null;
  requestId: string;
  clientIp: string;
  /** Response headers (cookies, Retry-After). Absent for in-process callers. */
  resHeaders?: Headers;
  /** Rate-limit verdicts the public fast path already charged for this request. */
  prepaid?: PrepaidVerdicts;
}

export function createInnerContext(opts: Partial<InnerContext> & { db: Db }): InnerContext {
  return {
    session: null,
    tenant: null,
    requestId: crypto.randomUUID(),
    clientIp: "127.0.0.1",
    ...opts,
  };
}

/** Reads the request: API key, then AuthKit (when configured), then the dev cookie. */
export async function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers; db: Db; prepaid?: PrepaidVerdicts }): Promise<InnerContext> {
  const { resolveSession } = await import("~/server/auth/session");
  const session = await resolveSession(opts.db, opts.headers);
  return createInnerContext({
    db: opts.db,
    session,
    tenant: decodeTenantHeader(opts.headers.get("x-compat-tenant")),
    requestId: opts.headers.get("x-request-id") ?? crypto.randomUUID(),
    clientIp: clientAddressOf(opts.headers),
    resHeaders: opts.resHeaders,
    prepaid: opts.prepaid,
  });
}

/** The address public rate limits are keyed by (also used by the public HTTP fast path). */
export function clientAddressOf(headers: Headers): string {
  // The LAST X-Forwarded-For entry is the address our nearest proxy saw; the ones before it are
  // whatever the client sent (an appending proxy keeps them), so they cannot key a rate limit.
  // On Vercel the header holds the client address alone. See SECURITY.md.
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return forwarded || headers.get("x-real-ip") || "unknown";
}

const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodIssues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : undefined,
        details: cause instanceof ErrorDetails ? cause.details : undefined,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

const logged = t.middleware(async ({ ctx, path, type, next }) => {
  const start = performance.now();
  const result = await next();
  const fields = {
    requestId: ctx.requestId,
    path,
    type,
    ms: Math.round(performance.now() - start),
    org: ctx.session?.org.id,
    ok: result.ok,
  };
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    log("error", "procedure failed", { ...fields, error: result.error.cause?.message ?? result.error.message });
  } else {
    log("info", "procedure", result.ok ? fields : { ...fields, code: result.error.code });
  }
  return result;
});

export const publicProcedure = t.procedure.use(logged);

/**
 * Public pages' procedures: the tenant comes from the host or `/p/{orgSlug}` (via middleware),
 * and each client is rate-limited per tenant.
 */
export const publicTenantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.tenant) throw notFound("Tenant");
  const org = await resolvePublicTenant(ctx.db, ctx.tenant);
  if (!org) throw notFound("Tenant");
  const verdict = takePrepaid(ctx.prepaid) ?? (await publicRateLimiter().hit(`${org.id}:${ctx.clientIp}`));
  if (!verdict.allowed) {
    ctx.resHeaders?.set("Retry-After", String(verdict.retryAfterSeconds));
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many requests; retry in ${verdict.retryAfterSeconds}s` });
  }
  return next({ ctx: { ...ctx, publicOrg: org } });
});

/** A signed-in member of an organization, or an API key. Narrows `session` to non-null. */
export const orgProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw unauthorized();
  const session = ctx.session;
  const scope: WriteScope = { db: ctx.db, orgId: session.org.id, actor: session.actor, requestId: ctx.requestId };
  return next({ ctx: { ...ctx, session, org: session.org, scope } });
});

/** Admins (and API keys) only: every write goes through here. */
export const adminProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.session.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only organization admins can do this", cause: new ErrorDetails({ role: ctx.session.role }) });
  }
  return next();
});
