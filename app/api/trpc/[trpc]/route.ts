import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { answerPublicTRPC } from "~/server/api/public-http";
import { db } from "~/server/db";
import { startServices } from "~/server/services";

// Uploads (multipart imports) can take a while; never cache API answers.
export const dynamic = "force-dynamic";
export const maxDuration = 300;

startServices();

/** Bounds every request body (imports included); larger uploads are refused before parsing. */
const MAX_BODY_BYTES = 60 * 1024 * 1024;

const tooLarge = (what: string) =>
  Response.json({ error: { message: `Request body is ${what}; the limit is ${MAX_BODY_BYTES} bytes (60 MiB)`, code: "PAYLOAD_TOO_LARGE" } }, { status: 413 });

/**
 * A body sent without Content-Length (chunked) is counted as it is read and cut off at the bound:
 * otherwise the declared-length check above it is all a client has to avoid.
 */
function boundStreamedBody(req: Request): { req: Request; exceeded: () => boolean } {
  if (!req.body || req.headers.has("content-length")) return { req, exceeded: () => false };
  let seen = 0;
  let over = false;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > MAX_BODY_BYTES) {
        over = true;
        controller.error(new Error(`Request body exceeds ${MAX_BODY_BYTES} bytes`));
      } else controller.enqueue(chunk);
    },
  });
  const bounded = new Request(req, { body: req.body.pipeThrough(limit), duplex: "half" } as RequestInit);
  return { req: bounded, exceeded: () => over };
}

/** `/api/trpc` or, on path-form public pages, `/p/{org}/api/trpc` (the URL keeps it after the rewrite). */
const endpointOf = (pathname: string) => pathname.slice(0, pathname.indexOf("/api/trpc") + "/api/trpc".length);

const handler = async (incoming: Request) => {
  // Cached public reads are answered from stored bytes before tRPC is involved (docs/read-path.md).
  const fast = await answerPublicTRPC(incoming, endpointOf(new URL(incoming.url).pathname), db);
  if (fast) return fast;
  const length = Number(incoming.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return tooLarge(`${length} bytes`);
  const { req, exceeded } = boundStreamedBody(incoming);
  // Path-form public pages call `/p/{org}/api/trpc/…`; after the middleware's rewrite the request
  // still carries that URL, so the endpoint prefix is read from it rather than assumed.
  const endpoint = endpointOf(new URL(req.url).pathname);
  const res = await fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders, db }),
    responseMeta({ ctx }) {
      return ctx ? { headers: { "x-request-id": ctx.requestId } } : {};
    },
  });
  return exceeded() ? tooLarge("larger than that (sent without Content-Length)") : res;
};

export { handler as GET, handler as POST };
