import "server-only";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { ErrorDetails } from "~/server/errors";

/**
 * A public page render that met the rate limit. A server component cannot answer 429 itself (Next
 * lets a render set 404, 403 or 401 only), so the visitor is sent to `{basePath}/api/too-many-requests`,
 * which answers 429 with `Retry-After` and a readable page linking back to `back` (docs/limits.md).
 */
export function redirectToTooManyRequests(basePath: string, back: string, retryAfterSeconds: number): never {
  redirect(`${basePath}/api/too-many-requests?${new URLSearchParams({ retry: String(retryAfterSeconds || 60), back })}`);
}

/** The same for a render whose tRPC call was refused with TOO_MANY_REQUESTS; anything else is left alone. */
export function redirectWhenRateLimited(err: unknown, basePath: string, back: string): void {
  if (!(err instanceof TRPCError) || err.code !== "TOO_MANY_REQUESTS") return;
  redirectToTooManyRequests(basePath, back, err.cause instanceof ErrorDetails ? Number(err.cause.details.retryAfterSeconds) : 60);
}
