/**
 * `npm test`: everything, on a machine with MySQL/MariaDB (default root@127.0.0.1:3306).
 *   1. unit + integration tests (each run migrates a fresh database of its own),
 *   2. end-to-end tests against a dev server: HTTP contract, middleware, browser flows.
 * Prints one closing line "N passed, N failed" for the whole run.
 * Flags: --unit (only step 1), --e2e (only step 2); other arguments go to vitest.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkReachable } from "~/server/db/migrate";

const args = process.argv.slice(2);
const only = args.includes("--unit") ? "unit" : args.includes("--e2e") ? "e2e" : "all";
const passthrough = args.filter((a) => a !== "--unit" && a !== "--e2e");

const server = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";
try {
  await checkReachable(`${server}/mysql`);
} catch (err) {
  console.error(`\n✖ The tests need a MySQL-compatible server. ${(err as Error).message}\n  (Set TEST_DATABASE_SERVER=mysql://user:pass@host:port to use another one.)\n`);
  process.exit(1);
}

const out = mkdtempSync(path.join(tmpdir(), "compat-test-"));
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function run(name: string, config: string | null) {
  const report = path.join(out, `${name}.json`);
  const cmd = ["vitest", "run", ...(config ? ["-c", config] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...passthrough];
  console.log(`\n▶ ${name}: npx ${cmd.join(" ")}\n`);
  const r = spawnSync("npx", cmd, { stdio: "inherit" });
  if (r.status !== 0) ok = false;
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + j.numTodoTests;
  } else if (r.status !== 0) {
    failed += 1;
  }
}

if (only !== "e2e") run("unit+integration", null);
if (only !== "unit") run("e2e", "tests/e2e/vitest.config.ts");

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok && failed === 0 ? 0 : 1);
