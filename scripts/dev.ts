/**
 * `npm run dev` (after scripts/launch.mjs has installed the dependencies): find or start the
 * database server, prepare the database (create, migrate, seed the demo), then serve on PORT
 * (default 3000). ROOT_DOMAIN and APP_URL follow PORT unless set. See docs/development.md.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { ensureDatabaseServer } from "./lib/services";

const port = process.env.PORT?.trim() || "3000";
process.env.PORT = port;
process.env.ROOT_DOMAIN ||= `localhost:${port}`;
process.env.APP_URL ||= `http://localhost:${port}`;

let stopDatabase = () => {};
try {
  if (!process.env.DATABASE_URL?.trim()) {
    const db = await ensureDatabaseServer({ forcePrivate: process.env.PRIVATE_DB === "1" });
    stopDatabase = db.stop;
    console.log(`── database server: ${db.description}`);
    process.env.DATABASE_URL = `${db.server}/compat_dev`;
  }
  // Imported only now: the app's environment is read from process.env as set above.
  const { prepareDatabase } = await import("./db-prepare");
  await prepareDatabase();
} catch (err) {
  stopDatabase();
  console.error(`\n✖ ${(err as Error).message}\n`);
  process.exit(1);
}

const root = process.env.ROOT_DOMAIN;
console.log(`\n  Dashboard:    http://localhost:${port}/dashboard`);
console.log(`  Demo Finder:  http://demo.${root}/llm-finder`);
console.log(`  Demo Matrix:  http://demo.${root}/llm-matrix   (or http://localhost:${port}/p/demo/llm-matrix)\n`);
const child = spawn(process.execPath, [createRequire(import.meta.url).resolve("next/dist/bin/next"), "dev", "--port", port, ...process.argv.slice(2)], { stdio: "inherit" });
process.on("exit", () => stopDatabase());
child.on("exit", (code) => process.exit(code ?? 0));
// Ctrl-C reaches Next through the terminal's process group; other signals are passed on. Either way
// this process exits when Next does, stopping the private database server on the way out.
process.on("SIGINT", () => {});
for (const sig of ["SIGTERM", "SIGHUP"] as const) process.on(sig, () => child.kill(sig));
