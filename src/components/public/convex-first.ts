/**
 * The rule every public read follows (docs/public-pages.md): ask Convex first when it can answer,
 * and tRPC when it cannot or misses. Convex holds the live revision only, so a past one
 * (`?revision=N`) is always tRPC's; so is a tenant whose org slug is not known yet.
 */

/** The org slug to ask Convex with, or null when only tRPC can answer. */
export function convexTenant(convexUrl: string | undefined, orgSlug: string | null, asOf: number | undefined): string | null {
  return convexUrl && orgSlug && asOf === undefined ? orgSlug : null;
}

/** Convex's answer for `orgSlug`, or tRPC's when there is no slug or Convex misses (null). */
export async function convexOrTRPC<T>(orgSlug: string | null, fromConvex: (orgSlug: string) => Promise<T | null>, fromTRPC: () => Promise<T>): Promise<T> {
  const hit = orgSlug ? await fromConvex(orgSlug) : null;
  return hit ?? fromTRPC();
}

/** What a query function of `O` resolves to (the data before `select`). */
type QueryData<O> = O extends { queryFn?: infer F } ? (F extends (...args: never[]) => infer R ? Awaited<R> : never) : never;

/**
 * tRPC's query options with Convex asked first when `orgSlug` is set. The tRPC key stays, so what
 * the server prefetched still hydrates the query; without a slug tRPC's own query function runs.
 */
export function withConvexFallback<O extends { queryFn?: unknown }>(
  base: O,
  orgSlug: string | null,
  fromConvex: (orgSlug: string) => Promise<QueryData<O> | null>,
  fromTRPC: () => Promise<QueryData<O>>,
): O {
  return orgSlug ? { ...base, queryFn: () => convexOrTRPC(orgSlug, fromConvex, fromTRPC) } : base;
}
