import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { authRouter } from "./routers/auth";
import { orgRouter } from "./routers/org";
import { pagesRouter } from "./routers/pages";
import { rulesRouter } from "./routers/rules";
import { overridesRouter } from "./routers/overrides";
import { publicRouter } from "./routers/public";
import { syncRouter } from "./routers/sync";
import { createCatalogRouter } from "./routers/catalog";

/**
 * The API of docs/architecture.md#api. Paths are a contract with scripts outside this repository:
 * add, don't rename. Every procedure is listed in docs/api.md.
 */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  org: orgRouter,
  pages: pagesRouter,
  rules: rulesRouter,
  overrides: overridesRouter,
  public: publicRouter,
  sync: syncRouter,
  sources: createCatalogRouter("source"),
  targets: createCatalogRouter("target"),
});

export type AppRouter = typeof appRouter;

/** In-process caller: `createCaller(createInnerContext({ db, session }))`. */
export const createCaller = createCallerFactory(appRouter);
