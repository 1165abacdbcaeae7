import type { Db } from "~/server/db/client";
import { JobWorker } from "~/server/jobs/worker";
import { IMPORT_JOB, ensureImportWorker, runImportJob } from "./run";

export { ensureImportWorker };

/**
 * Runs queued imports until none is left or `budgetMs` has passed, then returns: the
 * serverless drain (a scheduled request) and scripts. Jobs still running at the deadline finish
 * first; a process killed before that leaves them to the lease.
 */
export async function drainImportJobs(db: Db, budgetMs: number): Promise<void> {
  const worker = new JobWorker({ db, kind: IMPORT_JOB, handler: runImportJob, pollMs: 250, idleExitMs: 500 });
  const deadline = setTimeout(() => void worker.stop(), budgetMs);
  try {
    await worker.done;
  } finally {
    clearTimeout(deadline);
  }
}
