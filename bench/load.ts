/**
 * `npm run bench:load`: a production build under load, loopback only, bounded in time.
 * Builds the app, starts `next start` on a fresh database seeded with the demo, then drives the
 * public `result` and `options` procedures with autocannon at 50 connections, for cache hits and
 * for cache misses (every request a selection never asked before). Prints req/s, p50/p99, errors
 * and non-2xx answers. Goal: 0 errors, 0 5xx.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { createDb } from "~/server/db/client";
import { dropDatabase, ensureDatabase, migrateDatabase } from "~/server/db/migrate";
import { seedDemo } from "~/server/demo/seed";
import { isolatedBuildEnv } from "../tests/e2e/isolated-build";

const PORT = Number(process.env.LOAD_PORT ?? 3700);
const DURATION = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = 50;
const server = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";
const dbUrl = `${server}/compat_load_${Date.now().toString(36)}`;
const distDir = ".next-load";
const base = `http://127.0.0.1:${PORT}`;
// The path form of the tenant (`/p/demo/…`) keeps loopback-only clients free of Host tricks.
const q = (proc: string, input: unknown) => `/p/demo/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function get<T>(path: string): Promise<T> {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
  return ((await r.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function waitForHealth(child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("next start exited");
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

function summarize(name: string, r: autocannon.Result): string {
  const fivexx = r["5xx"] ?? 0;
  return `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   errors ${r.errors}   timeouts ${r.timeouts}   non-2xx ${r.non2xx}   5xx ${fivexx}   (${r.requests.total} requests)`;
}

async function main() {
  console.log(`database ${dbUrl}`);
  await ensureDatabase(dbUrl);
  await migrateDatabase(dbUrl);
  const handle = createDb(dbUrl);
  await seedDemo(handle.db);
  await handle.close();

  console.log("building (next build)…");
  const env = { ...process.env, ...isolatedBuildEnv(distDir), DATABASE_URL: dbUrl, ROOT_DOMAIN: `localhost:${PORT}`, LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: "100000000" };
  const build = spawnSync("npx", ["next", "build"], { env, stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0) throw new Error("next build failed");

  const child = spawn("npx", ["next", "start", "--port", String(PORT)], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    await waitForHealth(child);

    // Every full selection of the demo Finder: category → client type → app.
    const info = await get<{ dimensions: unknown[] }>(q("public.page", { slug: "llm-finder" }));
    let paths: string[][] = [[]];
    for (let level = 0; level < info.dimensions.length; level++) {
      const next: string[][] = [];
      for (const p of paths) {
        const opts = await get<{ values: { value: string }[] }>(q("public.options", { slug: "llm-finder", level, path: p }));
        for (const v of opts.values) next.push([...p, v.value]);
      }
      paths = next;
    }
    console.log(`${paths.length} distinct selections`);
    const lines: string[] = [];

    // Misses: each request asks for a selection × results page never computed before.
    const missUrls = paths.flatMap((p) => Array.from({ length: 40 }, (_, i) => q("public.result", { slug: "llm-finder", path: p, page: i + 1 })));
    let next = 0;
    const misses = await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: Math.min(missUrls.length, 2000),
      requests: [{ setupRequest: (req) => ({ ...req, path: missUrls[next++ % missUrls.length]! }) }],
    });
    lines.push(summarize("public.result (miss)", misses));

    const hitUrl = q("public.result", { slug: "llm-finder", path: paths[0] });
    await get(hitUrl);
    lines.push(summarize("public.result (hit)", await autocannon({ url: base + hitUrl, connections: CONNECTIONS, duration: DURATION })));
    const optionsUrl = q("public.options", { slug: "llm-finder", level: 0, path: [] });
    lines.push(summarize("public.options", await autocannon({ url: base + optionsUrl, connections: CONNECTIONS, duration: DURATION })));
    const matrixUrl = q("public.matrix", { slug: "llm-matrix", rowOffset: 0, rowLimit: 50 });
    await get(matrixUrl);
    lines.push(summarize("public.matrix (hit)", await autocannon({ url: base + matrixUrl, connections: CONNECTIONS, duration: DURATION })));

    console.log(`\n${CONNECTIONS} connections, ${DURATION}s per run, production build on loopback`);
    for (const l of lines) console.log(l);
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    // Requests still in flight when autocannon stops must not meet a dropped database.
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    await dropDatabase(dbUrl);
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`✖ ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
