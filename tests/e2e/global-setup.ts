import type { TestProject } from "vitest/node";
import { checkReachable, dropDatabase, ensureDatabase, migrateDatabase } from "~/server/db/migrate";
import { startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

/**
 * End-to-end runs get their own database (migrated and seeded with the demo, exactly as
 * `npm run dev` does on a fresh machine) and their own dev server on a free port (checked by nonce: see ./server.ts).
 */
export default async function setup(project: TestProject) {
  const server = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";
  await checkReachable(`${server}/mysql`);
  const dbUrl = `${server}/compat_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  await ensureDatabase(dbUrl);
  await migrateDatabase(dbUrl);
  process.env.DATABASE_URL = dbUrl;
  process.env.LOG_LEVEL ??= "warn"; // the seed goes through the API; its per-call log lines are noise here
  const { createDb } = await import("~/server/db/client");
  const { seedDemo } = await import("~/server/demo/seed");
  const handle = createDb(dbUrl);
  await seedDemo(handle.db);
  await handle.close();

  // E2E_PORT forces a port; by default the OS picks a free one, so concurrent runs never meet.
  const app = await startServer({
    port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined,
    env: (port) => ({ DATABASE_URL: dbUrl, ROOT_DOMAIN: `localhost:${port}`, LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: "100000" }),
  });
  project.provide("baseUrl", app.url);
  project.provide("e2eDatabaseUrl", dbUrl);
  return async () => {
    await app.stop();
    if (!process.env.KEEP_TEST_DB) await dropDatabase(dbUrl);
  };
}
