/**
 * Turning tRPC errors into words an admin can act on, and into per-field messages.
 * `error.data.zodIssues` (input validation) and `error.data.details` (domain errors: field, path,
 * line, limit) are set by the server's error formatter in src/server/api/trpc.ts.
 */

export interface ErrorData {
  code?: string;
  httpStatus?: number;
  zodIssues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

function dataOf(err: unknown): ErrorData | undefined {
  if (err && typeof err === "object" && "data" in err) return (err as { data?: ErrorData }).data ?? undefined;
  return undefined;
}

const byCode: Record<string, string> = {
  UNAUTHORIZED: "Your session has ended. Sign in again.",
  FORBIDDEN: "You don't have permission to do this.",
  NOT_FOUND: "This no longer exists — it may have been deleted.",
  TOO_MANY_REQUESTS: "Too many requests. Wait a moment and try again.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Try again; if it keeps happening, contact support.",
  PAYLOAD_TOO_LARGE: "That file is too large to upload.",
};

/** One plain sentence for a failed request (the server's own message when it wrote one for people). */
export function describeError(err: unknown): string {
  if (!err) return "";
  const data = dataOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (data?.zodIssues?.length) {
    const first = data.zodIssues[0]!;
    return data.zodIssues.length === 1 ? `${first.path ? `${first.path}: ` : ""}${first.message}` : `${data.zodIssues.length} fields need fixing — see the messages below.`;
  }
  if (/Failed to fetch|NetworkError|fetch failed/i.test(message)) return "Can't reach the server. Check your connection and try again.";
  if (data?.code === "INTERNAL_SERVER_ERROR") return byCode.INTERNAL_SERVER_ERROR!;
  // Our server writes human messages for BAD_REQUEST/CONFLICT/FORBIDDEN/NOT_FOUND; prefer them.
  if (message && !/^[A-Z_]+$/.test(message)) return message;
  return (data?.code && byCode[data.code]) || "The request failed. Try again.";
}

/**
 * Messages keyed by field path ("fields.2.name", "keyField", "customSubdomain"). Zod issues carry
 * their path; domain errors name theirs in `details.field` or `details.path`.
 */
export function fieldErrors(err: unknown, stripPrefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  const data = dataOf(err);
  if (!data) return out;
  const put = (path: string, message: string) => {
    const p = stripPrefix && path.startsWith(stripPrefix) ? path.slice(stripPrefix.length) : path;
    if (!(p in out)) out[p] = message;
  };
  for (const issue of data.zodIssues ?? []) put(issue.path, issue.message);
  const d = data.details;
  if (d) {
    const path = typeof d.path === "string" ? d.path : Array.isArray(d.path) ? d.path.join(".") : typeof d.field === "string" ? d.field : null;
    if (path !== null) put(path, err instanceof Error ? err.message : String(err));
    if (Array.isArray(d.issues)) {
      for (const i of d.issues as { path?: unknown; message?: unknown }[]) {
        if (typeof i.message !== "string") continue;
        put(Array.isArray(i.path) ? i.path.join(".") : String(i.path ?? ""), i.message);
      }
    }
  }
  return out;
}
