import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { answerPublicTRPC } from "~/server/api/public-http";
import { env } from "~/env";
import { db } from "~/server/db";
import { boundRequestBody, payloadTooLarge } from "~/server/http/request-body";
import { withOffThreadJson } from "~/server/http/json-body";
import { startServices } from "~/server/services";

// Uploads (multipart imports) can take a while; never cache API answers.
export const dynamic = "force-dynamic";
export const maxDuration = 300;

startServices();

/** `/api/trpc` or, on path-form public pages, `/p/{org}/api/trpc` (the URL keeps it after the rewrite). */
const endpointOf = (pathname: string) => pathname.slice(0, pathname.indexOf("/api/trpc") + "/api/trpc".length);

const handler = async (incoming: Request) => {
  // Cached public reads are answered from stored bytes before tRPC is involved (docs/read-path.md).
  const fast = await answerPublicTRPC(incoming, endpointOf(new URL(incoming.url).pathname), db);
  if (fast instanceof Response) return fast;
  const bounded = boundRequestBody(incoming, { measure: !!env.E2E_SERVER_NONCE });
  if (bounded instanceof Response) return bounded;
  const { req } = bounded;
  // Path-form public pages call `/p/{org}/api/trpc/…`; after the middleware's rewrite the request
  // still carries that URL, so the endpoint prefix is read from it rather than assumed.
  const endpoint = endpointOf(new URL(req.url).pathname);
  const res = await fetchRequestHandler({
    endpoint,
    // A large JSON body is parsed on a worker thread, never in one turn of the event loop.
    req: withOffThreadJson(req),
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders, db, prepaid: fast.prepaid }),
    responseMeta({ ctx }) {
      return ctx ? { headers: { "x-request-id": ctx.requestId } } : {};
    },
  });
  if (bounded.exceeded()) return payloadTooLarge(req.url, null);
  const digest = bounded.digest();
  if (digest) {
    res.headers.set("x-e2e-body-sha256", digest.sha256);
    res.headers.set("x-e2e-body-bytes", String(digest.bytes));
  }
  return res;
};

export { handler as GET, handler as POST };
