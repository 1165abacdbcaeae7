import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { db } from "~/server/db";
import { startServices } from "~/server/services";

// Uploads (multipart imports) can take a while; never cache API answers.
export const dynamic = "force-dynamic";
export const maxDuration = 300;

startServices();

/** Bounds every request body (imports included); larger uploads are refused before parsing. */
const MAX_BODY_BYTES = 60 * 1024 * 1024;

const handler = (req: Request) => {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json(
      { error: { message: `Request body is ${length} bytes; the limit is ${MAX_BODY_BYTES} bytes (60 MiB)`, code: "PAYLOAD_TOO_LARGE" } },
      { status: 413 },
    );
  }
  // Path-form public pages call `/p/{org}/api/trpc/…`; after the middleware's rewrite the request
  // still carries that URL, so the endpoint prefix is read from it rather than assumed.
  const { pathname } = new URL(req.url);
  const endpoint = pathname.slice(0, pathname.indexOf("/api/trpc") + "/api/trpc".length);
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders, db }),
    responseMeta({ ctx }) {
      return ctx ? { headers: { "x-request-id": ctx.requestId } } : {};
    },
  });
};

export { handler as GET, handler as POST };
