/**
 * `npm test` (after scripts/launch.mjs has installed the dependencies): brings up what the tests
 * need, then runs
 *   1. unit + integration tests (each run migrates a fresh database of its own),
 *   2. end-to-end tests against a dev server: HTTP contract, middleware, browser flows.
 * Needs: a MySQL-compatible server (found or started privately, scripts/lib/services.ts), Redis
 * (found, started privately, or none: the Redis limiter tests then skip), Chromium (found, or the
 * browser tests skip with one line saying how to get it; under CI=true a missing Chromium fails).
 * Prints one closing line "N passed, N failed" for the whole run.
 * Flags: --unit (only step 1), --e2e (only step 2); other arguments go to vitest.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_HINT, ensureDatabaseServer, ensureRedis, findChromium, projectRoot } from "./lib/services";

const args = process.argv.slice(2);
const only = args.includes("--unit") ? "unit" : args.includes("--e2e") ? "e2e" : "all";
const passthrough = args.filter((a) => a !== "--unit" && a !== "--e2e");

const stops: Array<() => void> = [];
process.on("exit", () => stops.forEach((stop) => stop()));
// A signal while vitest runs: vitest gets it too (Ctrl-C reaches the whole group; others are passed
// on) and tears down its servers and databases; this process then exits and stops its own services.
let interrupted = false;
let running: ReturnType<typeof spawn> | null = null;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    interrupted = true;
    if (sig !== "SIGINT") running?.kill(sig);
    if (!running) process.exit(130);
  });
}

try {
  const db = await ensureDatabaseServer({ explicit: process.env.TEST_DATABASE_SERVER?.trim() || undefined, forcePrivate: process.env.PRIVATE_DB === "1" });
  stops.push(db.stop);
  process.env.TEST_DATABASE_SERVER = db.server;
  console.log(`── database server: ${db.description}`);
} catch (err) {
  console.error(`\n✖ The tests need a MySQL-compatible server. ${(err as Error).message}\n`);
  process.exit(1);
}

if (only !== "e2e") {
  const redis = await ensureRedis(process.env.TEST_REDIS_URL?.trim() || undefined);
  stops.push(redis.stop);
  if (redis.kind === "none") {
    process.env.TEST_REDIS = "none";
    console.log("── Redis: none found (no server on 127.0.0.1:6379, no redis-server binary) — the Redis limiter tests skip; the in-memory limiter is tested either way");
  } else {
    process.env.TEST_REDIS_URL = redis.url;
    console.log(`── Redis: ${redis.url} (${redis.kind === "private" ? "private redis-server, stopped on exit" : "already running"})`);
  }
}

if (only !== "unit") {
  const chromium = findChromium();
  if (chromium) {
    process.env.CHROMIUM_PATH = chromium;
    console.log(`── Chromium: ${chromium}`);
  } else if (process.env.CI) {
    console.error(`\n✖ Chromium not found (CI requires the browser tests): ${CHROMIUM_HINT}.\n`);
    process.exit(1);
  } else {
    process.env.E2E_BROWSER = "none";
    console.log(`── Chromium: not found — the browser tests skip; to run them, ${CHROMIUM_HINT}`);
  }
}

const out = mkdtempSync(path.join(tmpdir(), "compat-test-"));
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

const vitestCli = path.join(projectRoot, "node_modules", "vitest", "vitest.mjs");

async function run(name: string, config: string | null) {
  const report = path.join(out, `${name}.json`);
  const cmd = ["vitest", "run", ...(config ? ["-c", config] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...passthrough];
  console.log(`\n▶ ${name}: ${cmd.join(" ")}\n`);
  running = spawn(process.execPath, [vitestCli, ...cmd.slice(1)], { stdio: "inherit" });
  const status = await new Promise<number | null>((resolve) => running!.on("exit", (code) => resolve(code)));
  running = null;
  if (interrupted) process.exit(130);
  if (status !== 0) ok = false;
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + j.numTodoTests;
  } else if (status !== 0) {
    failed += 1;
  }
}

if (only !== "e2e") await run("unit+integration", null);
if (only !== "unit") await run("e2e", "tests/e2e/vitest.config.ts");

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${process.env.E2E_BROWSER === "none" ? " (browser tests skipped: no Chromium)" : ""}${process.env.TEST_REDIS === "none" ? " (Redis tests skipped: no Redis)" : ""}`);
process.exit(ok && failed === 0 ? 0 : 1);
