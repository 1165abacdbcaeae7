/**
 * `npm run dev`: prepare the local database (create, migrate, seed the demo), then serve.
 * With DATABASE_URL set, that database is used instead of the local default.
 */
import { spawn } from "node:child_process";
import { prepareDatabase } from "./db-prepare";

try {
  await prepareDatabase();
} catch (err) {
  console.error(`\n✖ ${(err as Error).message}\n`);
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
console.log(`\n  Dashboard:    http://localhost:${port}/dashboard`);
console.log(`  Demo Finder:  http://demo.localhost:${port}/llm-finder`);
console.log(`  Demo Matrix:  http://demo.localhost:${port}/llm-matrix   (or /p/demo/llm-matrix)\n`);
const child = spawn("npx", ["next", "dev", "--port", port, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
