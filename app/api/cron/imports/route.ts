import { env } from "~/env";
import { drainImportJobs } from "~/server/catalog";
import { db } from "~/server/db";

export const dynamic = "force-dynamic";
/** Serverless platforms stop a function after this many seconds; the drain stops 10 s before. */
export const maxDuration = 60;

/**
 * The scheduled drain of the import queue for serverless deployments (docs/jobs.md): a cron calls
 * it with `Authorization: Bearer $CRON_SECRET`. Not tRPC: machine-to-machine, on a schedule.
 */
export async function GET(request: Request) {
  if (!env.CRON_SECRET || request.headers.get("authorization") !== `Bearer ${env.CRON_SECRET}`) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  await drainImportJobs(db, (maxDuration - 10) * 1000);
  return Response.json({ ok: true });
}
