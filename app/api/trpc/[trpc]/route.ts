import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { db } from "~/server/db";

// Uploads (multipart imports) can take a while; never cache API answers.
export const dynamic = "force-dynamic";
export const maxDuration = 300;

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders, db }),
    responseMeta({ ctx }) {
      return ctx ? { headers: { "x-request-id": ctx.requestId } } : {};
    },
  });

export { handler as GET, handler as POST };
