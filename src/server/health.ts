import { sql } from "drizzle-orm";
import { convexConfigured, env } from "~/env";
import type { Db } from "~/server/db/client";

export interface Health {
  ok: boolean;
  database: { ok: boolean; ms: number; error?: string };
  convex: { configured: boolean; reachable: boolean | null; error?: string };
}

/** Database round trip and Convex reachability, each bounded so the endpoint itself never hangs. */
export async function getHealth(db: Db): Promise<Health> {
  const start = performance.now();
  let database: Health["database"];
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 3s")), 3000)),
    ]);
    database = { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    database = { ok: false, ms: Math.round(performance.now() - start), error: (err as Error).message };
  }

  let convex: Health["convex"] = { configured: convexConfigured, reachable: null };
  if (convexConfigured && env.CONVEX_SITE_URL) {
    try {
      // Any HTTP answer (even a 404 for GET /sync) means the deployment is up.
      await fetch(`${env.CONVEX_SITE_URL}/sync`, { method: "GET", signal: AbortSignal.timeout(3000) });
      convex = { configured: true, reachable: true };
    } catch (err) {
      convex = { configured: true, reachable: false, error: (err as Error).message };
    }
  }
  return { ok: database.ok, database, convex };
}
