import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db/client";
import { dropDatabase, ensureDatabase, migrateDatabase } from "~/server/db/migrate";
import { enqueueSync } from "~/server/sync/outbox";

const root = path.resolve(import.meta.dirname, "..");
const run = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/sync-drain.ts")], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: "silent" },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

// Its own database: the script drains every organization's entries, which must not be another test's.
const dbUrl = `${inject("databaseUrl").replace(/\/[^/]*$/, "")}/compat_drain_${Date.now().toString(36)}`;
let fake: http.Server;
let siteUrl = "";
const received: string[] = [];

beforeAll(async () => {
  await ensureDatabase(dbUrl);
  await migrateDatabase(dbUrl);
  const handle = createDb(dbUrl);
  await handle.db.transaction((tx) =>
    enqueueSync(tx, { kind: "page-remove", organizationId: "org_drain", orgSlug: "drain", pageId: "7", revisionId: 1, data: {} }),
  );
  await handle.close();
  fake = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization} ${body}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ applied: 1, ignored: 0 }));
    });
  });
  await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
  siteUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});

afterAll(async () => {
  fake?.close();
  await dropDatabase(dbUrl);
});

describe("npm run sync:drain", () => {
  it("refuses with exit 2 when Convex is not configured, and delivers the pending entry once when it is", { timeout: 120_000 }, async () => {
    const unconfigured = await run({ DATABASE_URL: dbUrl, CONVEX_SITE_URL: "", CONVEX_SYNC_SECRET: "" });
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.out).toContain("Convex is not configured");

    const first = await run({ DATABASE_URL: dbUrl, CONVEX_SITE_URL: siteUrl, CONVEX_SYNC_SECRET: "drain-secret" });
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain("delivered 1, failed 0");
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^POST \/sync Bearer drain-secret .*"page-remove"/);

    const again = await run({ DATABASE_URL: dbUrl, CONVEX_SITE_URL: siteUrl, CONVEX_SYNC_SECRET: "drain-secret" });
    expect(again.out).toContain("delivered 0, failed 0");
    expect(received).toHaveLength(1);
  });
});
