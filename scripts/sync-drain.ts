/**
 * Operator tool: `npm run sync:drain` delivers every due Convex sync entry now, instead of waiting for
 * the app's background drainer and its backoff. Talks to the database directly (DATABASE_URL) and
 * to Convex (CONVEX_SITE_URL, CONVEX_SYNC_SECRET), like the app. Exit 0 when nothing due is left,
 * 1 when a delivery failed (the entries stay pending and are retried), 2 when Convex is not configured.
 * See docs/convex.md.
 */
import { convexConfigured, env } from "~/env";
import { createDb } from "~/server/db/client";
import { configuredSink, drainAll } from "~/server/sync";

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log("usage: npm run sync:drain   (delivers due Convex sync entries now; needs DATABASE_URL, CONVEX_SITE_URL, CONVEX_SYNC_SECRET)");
    return 0;
  }
  const sink = configuredSink();
  if (!convexConfigured || !sink) {
    console.error("Convex is not configured (CONVEX_SITE_URL and CONVEX_SYNC_SECRET): there is nowhere to deliver to. Entries wait in sync_outbox.");
    return 2;
  }
  const handle = createDb(env.DATABASE_URL);
  try {
    const r = await drainAll(handle.db, (batch) => sink.deliver(batch));
    console.log(`delivered ${r.delivered}, failed ${r.failed}${r.error ? ` — ${r.error} (pending entries are retried with backoff)` : ""}`);
    return r.error ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  },
);
