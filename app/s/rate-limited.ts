import "server-only";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { ErrorDetails } from "~/server/errors";

/**
 * A public page render that met the rate limit. A server component cannot answer 429 itself (Next
 * lets a render set 404, 403 or 401 only), so the visitor is sent to `{basePath}/api/too-many-requests`,
 * which answers 429 with `Retry-After` and a readable page linking back (docs/limits.md).
 */
export function redirectWhenRateLimited(err: unknown, basePath: string, back: string): void {
  if (!(err instanceof TRPCError) || err.code !== "TOO_MANY_REQUESTS") return;
  const retry = err.cause instanceof ErrorDetails ? Number(err.cause.details.retryAfterSeconds) : 60;
  redirect(`${basePath}/api/too-many-requests?${new URLSearchParams({ retry: String(retry || 60), back })}`);
}
