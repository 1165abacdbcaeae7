/**
 * Test support for "a warm read runs no SQL" (not a test file: vitest only collects `*.test.ts`).
 *
 * `countedHeldReads()`, called at the top of a test file, gives a db handle whose every statement
 * lands in `statements`, and holds published pointers for the file as production does (tests
 * default to 0; src/test/setup.ts), so a second read can be answered from memory alone.
 */
import { afterAll, beforeAll } from "vitest";
import { env } from "~/env";
import { createDb, type Db } from "~/server/db/client";

export function countedHeldReads(): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const counted = createDb(process.env.DATABASE_URL!, { onStatement: (s) => statements.push(s) });
  const ttl = env.PUBLIC_POINTER_TTL_MS;
  beforeAll(() => {
    (env as { PUBLIC_POINTER_TTL_MS: number }).PUBLIC_POINTER_TTL_MS = 60_000;
  });
  afterAll(async () => {
    (env as { PUBLIC_POINTER_TTL_MS: number }).PUBLIC_POINTER_TTL_MS = ttl;
    await counted.close();
  });
  return { db: counted.db, statements };
}
