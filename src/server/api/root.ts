import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { authRouter } from "./routers/auth";
import { orgRouter } from "./routers/org";
import { createCatalogRouter } from "./routers/catalog";

/**
 * The API of DESIGN §11. Paths are a contract with scripts outside this repository:
 * add, don't rename. Every procedure is listed in docs/api.md.
 */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  org: orgRouter,
  sources: createCatalogRouter("source"),
  targets: createCatalogRouter("target"),
});

export type AppRouter = typeof appRouter;

/** In-process caller: `createCaller(createInnerContext({ db, session }))`. */
export const createCaller = createCallerFactory(appRouter);
