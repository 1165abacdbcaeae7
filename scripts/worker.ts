/**
 * `npm run worker`: runs queued imports (docs/jobs.md) until stopped. Any number of these (and the
 * dev server's in-process worker) share the queue; SIGINT/SIGTERM lets running imports finish.
 * Uses DATABASE_URL, JOB_CONCURRENCY.
 */
import { env } from "~/env";
import { ensureImportWorker } from "~/server/catalog";
import { createDb } from "~/server/db/client";
import { workerId } from "~/server/jobs/worker";

const handle = createDb(env.DATABASE_URL, { connectionLimit: env.JOB_CONCURRENCY * 2 + 1 });
const worker = ensureImportWorker(handle.db, { permanent: true });
console.log(`import worker ${workerId}: ${env.JOB_CONCURRENCY} at a time from ${new URL(env.DATABASE_URL).host}`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.log(`${sig}: finishing running imports…`);
    void worker.stop().then(async () => {
      await handle.close();
      process.exit(0);
    });
  });
}
await worker.done;
