import type { TestProject } from "vitest/node";
import { checkReachable, dropDatabase, ensureDatabase, migrateDatabase } from "~/server/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One migrated database per test run, so parallel runs (and developers) never share state.
 * The server comes from TEST_DATABASE_SERVER (default: local root, empty password).
 */
export default async function setup(project: TestProject) {
  const server = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";
  await checkReachable(`${server}/mysql`);
  const name = `compat_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = `${server}/${name}`;
  await ensureDatabase(url);
  try {
    await migrateDatabase(url);
  } catch (err) {
    await dropDatabase(url);
    throw err;
  }
  project.provide("databaseUrl", url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(url);
  };
}
