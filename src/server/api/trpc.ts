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
import { ErrorDetails, notFound, publicError, unauthorized } from "~/server/errors";
import { decodeTenantHeader, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { publicRateLimiter, takePrepaid, type PrepaidVerdicts, type RateVerdict } from "~/server/ratelimit";
import { log } from "~/server/log";
import { clientAddressOf } from "~/server/http/client-address";

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
  /**
   * A server-rendered page (in process only, never from HTTP): its public calls share one charge,
   * so a page view costs one request of the limit and its calls all get the same verdict.
   */
  renderCharge?: { verdict?: Promise<RateVerdict> };
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
export async function createTRPCContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
  db: Db;
  prepaid?: PrepaidVerdicts;
  renderCharge?: InnerContext["renderCharge"];
}): Promise<InnerContext> {
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
    renderCharge: opts.renderCharge,
  });
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
  const key = `${org.id}:${ctx.clientIp}`;
  const verdict =
    takePrepaid(ctx.prepaid) ?? (ctx.renderCharge ? await (ctx.renderCharge.verdict ??= publicRateLimiter().hit(key)) : await publicRateLimiter().hit(key));
  if (!verdict.allowed) {
    ctx.resHeaders?.set("Retry-After", String(verdict.retryAfterSeconds));
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `Too many requests; retry in ${verdict.retryAfterSeconds}s`,
      cause: new ErrorDetails({ retryAfterSeconds: verdict.retryAfterSeconds }),
    });
  }
  const result = await next({ ctx: { ...ctx, publicOrg: org } });
  // Anonymous visitors see what failed by name (and the slug they sent), never an internal id.
  if (!result.ok) throw publicError(result.error);
  return result;
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
