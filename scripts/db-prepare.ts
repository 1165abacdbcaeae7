/**
 * First-run preparation for the embedded default: create the database if missing, apply
 * migrations, seed the demo organization. Safe to run again (each step is idempotent).
 */
import { env } from "~/env";
import { checkReachable, ensureDatabase, migrateDatabase } from "~/server/db/migrate";

export async function prepareDatabase(opts: { seed?: boolean } = {}): Promise<void> {
  const url = env.DATABASE_URL;
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  await checkReachable(url);
  await ensureDatabase(url);
  await migrateDatabase(url);
  console.log(`database ready: ${shown}`);
  if (opts.seed !== false) {
    const { createDb } = await import("~/server/db/client");
    const { seedDemo } = await import("~/server/demo/seed");
    const { setLogLevel } = await import("~/server/log");
    const handle = createDb(url);
    // The seed goes through the API: one log line per call would bury the URLs printed next.
    if (env.LOG_LEVEL === "info" || env.LOG_LEVEL === "debug") setLogLevel("warn");
    try {
      const result = await seedDemo(handle.db);
      console.log(result.created ? `demo organization seeded: ${result.summary}` : "demo organization already present");
    } finally {
      setLogLevel(env.LOG_LEVEL);
      await handle.close();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prepareDatabase({ seed: !process.argv.includes("--no-seed") }).catch((err: Error) => {
    console.error(`\n✖ ${err.message}\n`);
    process.exit(1);
  });
}
