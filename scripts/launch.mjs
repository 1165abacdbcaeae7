#!/usr/bin/env node
/**
 * `npm run dev` and `npm test` start here. Plain Node with no dependencies, because it runs before
 * `node_modules` exists: it installs from the lockfile when the installed tree is missing or stale,
 * then hands over to `scripts/<command>.ts` (run with tsx's loader) with the remaining arguments.
 *
 *   node scripts/launch.mjs dev  [next dev arguments]
 *   node scripts/launch.mjs test [--unit | --e2e] [vitest arguments]
 *
 * "Stale" is decided by a stamp: the sha256 of package-lock.json, written into node_modules after a
 * successful install. Without a stamp (a tree someone else installed) the launcher compares every
 * package the lockfile requires with the version installed and only installs when one differs.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = path.join(root, "node_modules", ".compat-lockfile-sha256");
const commands = { dev: "scripts/dev.ts", test: "scripts/test.ts" };

const [command, ...rest] = process.argv.slice(2);
if (!Object.hasOwn(commands, command)) {
  console.error(`usage: node scripts/launch.mjs ${Object.keys(commands).join("|")} [arguments]`);
  process.exit(2);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`✖ Node ${process.versions.node} is too old: this project needs Node ≥ 20.19 (package.json "engines").`);
  process.exit(1);
}

/** The lockfile's packages that must be on disk: everything except optional (other platforms') ones. */
function missingOrStale(lock) {
  const wrong = [];
  for (const [where, entry] of Object.entries(lock.packages ?? {})) {
    if (!where.startsWith("node_modules/") || entry.optional || entry.link) continue;
    let installed;
    try {
      installed = JSON.parse(readFileSync(path.join(root, where, "package.json"), "utf8")).version;
    } catch {
      installed = undefined;
    }
    if (installed !== entry.version) wrong.push(`${where.slice("node_modules/".length)} (${installed ?? "missing"} ≠ ${entry.version})`);
  }
  return wrong;
}

function ensureDependencies() {
  const lockText = readFileSync(path.join(root, "package-lock.json"), "utf8");
  const hash = createHash("sha256").update(lockText).digest("hex");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === hash) return;

  const wrong = existsSync(path.join(root, "node_modules")) ? missingOrStale(JSON.parse(lockText)) : ["node_modules"];
  if (wrong.length > 0) {
    const shown = wrong.length > 3 ? `${wrong.slice(0, 3).join(", ")} and ${wrong.length - 3} more` : wrong.join(", ");
    console.log(`── installing dependencies from package-lock.json (npm ci): ${wrong[0] === "node_modules" ? "none installed yet" : `out of date: ${shown}`}`);
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
    if (r.status !== 0) {
      console.error("✖ npm ci failed (see above). The lockfile is the source of truth: fix the cause, never `npm install` over it.");
      process.exit(r.status ?? 1);
    }
  }
  writeFileSync(stampFile, `${hash}\n`);
}

ensureDependencies();

// The script runs in one process with tsx's loader (no tsx CLI in between, which would turn a second
// Ctrl-C into a SIGKILL and skip the script's clean-up: stopping the servers it started).
const tsxLoader = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;
const child = spawn(process.execPath, ["--import", tsxLoader, path.join(root, commands[command]), ...rest], { cwd: root, stdio: "inherit" });
// Ctrl-C already reaches the whole foreground group, the script included: this process only waits.
process.on("SIGINT", () => {});
for (const sig of ["SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
