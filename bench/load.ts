/**
 * `npm run bench:load`: the public read path of a production build under load, on loopback.
 *
 * Builds the app, starts `next start` on a free port (its identity checked by nonce) over a fresh
 * database seeded with the demo, on a private MariaDB of the bench's own so that the server's SQL can
 * be counted (`Questions`). Then drives each endpoint with `wrk` (one thread, little CPU taken from the
 * server) at 50 connections, endpoints interleaved, for several rounds. Each figure is printed with
 * the machine's 1-minute load average beside it and as a ratio to a static file (`/robots.txt`)
 * served by the same server in the same round. Goals (docs/read-path.md): every cached API answer
 * ≥ 50 % of the static file with p99 < 50 ms, the SSR Finder with a full selection ≥ 10 %, 0 errors.
 *
 * Env: LOAD_SECONDS (per run, default 10), LOAD_ROUNDS (default 3), LOAD_CONNECTIONS (default 50),
 * LOAD_ONLY (a regular expression: measure only the endpoints it matches, beside the static file),
 * E2E_REUSE_BUILD=1 (start the last build of `.next-load` as it is).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import { createDb } from "~/server/db/client";
import { dropDatabase, ensureDatabase, migrateDatabase } from "~/server/db/migrate";
import { seedDemo } from "~/server/demo/seed";
import { ensureDatabaseServer, projectRoot } from "../scripts/lib/services";
import { startServer } from "../tests/e2e/server";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
const ORG = "demo";

/** `paths`: the requests of one run, in turn (several, so no single hot URL decides the figure). */
type Endpoint = { name: string; paths: string[]; kind: "ceiling" | "api" | "ssr-finder" | "other" };
type Run = { rps: number; p50: number; p99: number; requests: number; errors: number; non2xx: number; sql: number; load: number };

const trpc = (proc: string, input: unknown) => `/p/${ORG}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const trpcBatch = (proc: string, input: unknown) => `/p/${ORG}/api/trpc/${proc}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`;
const query = (params: Record<string, string | number | string[]>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  return q.toString();
};

/** wrk prints latencies as 812.00us, 1.23ms or 1.02s. */
function millis(text: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk latency "${text}"`);
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}

function runWrk(base: string, paths: string[]): Omit<Run, "sql" | "load"> {
  // wrk takes several paths through a Lua script that hands them out in turn.
  const script = path.join(tmpdir(), `compat-load-${process.pid}.lua`);
  writeFileSync(script, `local paths = {${paths.map((p) => `[[${p}]]`).join(",")}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`);
  const r = spawnSync("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${SECONDS}s`, "--latency", "--timeout", "5s", "-s", script, base + paths[0]], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.stdout}`);
  const out = r.stdout;
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: millis(/^\s+50%\s+(\S+)\s*$/m.exec(out)?.[1] ?? "0ms"),
    p99: millis(/^\s+99%\s+(\S+)\s*$/m.exec(out)?.[1] ?? "0ms"),
    requests: num(/(\d+) requests in/),
    errors: socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
  };
}

async function get(base: string, p: string): Promise<{ status: number; body: string }> {
  const r = await fetch(base + p);
  return { status: r.status, body: await r.text() };
}

async function json<T>(base: string, p: string): Promise<T> {
  const r = await get(base, p);
  if (r.status !== 200) throw new Error(`${p}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  return (JSON.parse(r.body) as { result: { data: { json: T } } }).result.data.json;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function main() {
  if (spawnSync("wrk", ["--version"]).error) {
    console.error("✖ bench:load needs wrk (Debian/Ubuntu: apt-get install wrk; macOS: brew install wrk).");
    process.exit(1);
  }
  // A database server of our own: its statement counter then counts only this server's SQL.
  const dbServer = await ensureDatabaseServer({ forcePrivate: true, folder: path.join(projectRoot, ".data", "mysql-bench") });
  const dbUrl = `${dbServer.server}/compat_load_${Date.now().toString(36)}`;
  const counter = await createConnection(dbServer.server);
  const questions = async () => Number(((await counter.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as unknown as [{ Value: string }[]])[0][0]!.Value);

  let stop = async () => {};
  try {
    await ensureDatabase(dbUrl);
    await migrateDatabase(dbUrl);
    const handle = createDb(dbUrl);
    await seedDemo(handle.db);
    await handle.close();

    console.log("building and starting the production server (next build, next start)…");
    const server = await startServer({
      name: "load",
      production: true,
      env: (port) => ({ DATABASE_URL: dbUrl, ROOT_DOMAIN: `localhost:${port}`, APP_URL: `http://localhost:${port}`, LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: "1000000000" }),
    });
    stop = server.stop;
    const base = server.url;

    // The demo Finder's deepest selections: every dimension level chosen.
    const finder = "llm-finder";
    const info = await json<{ dimensions: unknown[] }>(base, trpc("public.page", { slug: finder }));
    let paths: string[][] = [[]];
    for (let level = 0; level < info.dimensions.length; level++) {
      const next: string[][] = [];
      for (const p of paths) {
        const opts = await json<{ values: { value: string }[] }>(base, trpc("public.options", { slug: finder, level, path: p }));
        for (const v of opts.values) next.push([...p, v.value]);
      }
      paths = next;
    }
    console.log(`${paths.length} full selections of the demo Finder; the result and SSR Finder runs ask for each in turn`);

    const only = process.env.LOAD_ONLY ? new RegExp(process.env.LOAD_ONLY, "i") : null;
    const endpoints: Endpoint[] = ([
      { name: "static file /robots.txt", paths: ["/robots.txt"], kind: "ceiling" },
      { name: "/api/health", paths: ["/api/health"], kind: "other" },
      { name: "public.result hit (tRPC batch)", paths: paths.map((p) => trpcBatch("public.result", { slug: finder, path: p })), kind: "api" },
      { name: "public.result hit (plain GET)", paths: paths.map((p) => `/p/${ORG}/api/public/result?${query({ slug: finder, path: p })}`), kind: "api" },
      { name: "public.options level 0", paths: [trpc("public.options", { slug: finder, level: 0, path: [] })], kind: "api" },
      { name: "public.matrix hit", paths: [trpc("public.matrix", { slug: "llm-matrix", rowOffset: 0, rowLimit: 50 })], kind: "api" },
      { name: "SSR Finder, full selection", paths: paths.map((p) => `/p/${ORG}/${finder}?${query({ path: p })}`), kind: "ssr-finder" },
      { name: "SSR Matrix", paths: [`/p/${ORG}/llm-matrix`], kind: "other" },
    ] satisfies Endpoint[]).filter((e) => e.kind === "ceiling" || !only || only.test(e.name));
    // Warm every cache once, and make sure each endpoint answers what it should before timing it.
    for (const e of endpoints) {
      let largest = 0;
      for (const p of e.paths) {
        const r = await get(base, p);
        if (r.status !== 200) throw new Error(`${e.name}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        largest = Math.max(largest, Buffer.byteLength(r.body));
      }
      if (e.kind === "ssr-finder") console.log(`SSR Finder HTML, largest full selection: ${(largest / 1024).toFixed(1)} KB`);
    }

    const runs = new Map<string, Run[]>(endpoints.map((e) => [e.name, []]));
    const ceilings: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const e of endpoints) {
        const load = loadavg()[0]!;
        const before = await questions();
        const r = runWrk(base, e.paths);
        // One SHOW STATUS of our own sits between the two readings.
        const sql = Math.max(0, (await questions()) - before - 1) / Math.max(1, r.requests);
        runs.get(e.name)!.push({ ...r, sql, load });
        if (e.kind === "ceiling") ceilings.push(r.rps);
      }
      console.log(`round ${round}/${ROUNDS} done (load ${loadavg()[0]!.toFixed(2)})`);
    }

    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds interleaved; production build on loopback; wrk -t1`);
    console.log("ratio = req/s over the static file's req/s in the same round; load = 1-min load average when the run started\n");
    const header = ["endpoint", "req/s (per round)", "ratio (per round)", "median ratio", "p50 ms", "p99 ms (max)", "errors", "non-2xx", "SQL/req", "load"];
    const rows: string[][] = [];
    const failures: string[] = [];
    for (const e of endpoints) {
      const rs = runs.get(e.name)!;
      const ratios = rs.map((r, i) => r.rps / ceilings[i]!);
      const p99max = Math.max(...rs.map((r) => r.p99));
      const errors = rs.reduce((a, r) => a + r.errors, 0);
      const non2xx = rs.reduce((a, r) => a + r.non2xx, 0);
      rows.push([
        e.name,
        rs.map((r) => r.rps.toFixed(0)).join(" / "),
        rs.map((_, i) => pct(ratios[i]!)).join(" / "),
        pct(median(ratios)),
        median(rs.map((r) => r.p50)).toFixed(2),
        p99max.toFixed(1),
        String(errors),
        String(non2xx),
        median(rs.map((r) => r.sql)).toFixed(2),
        rs.map((r) => r.load.toFixed(1)).join(" / "),
      ]);
      if (errors + non2xx > 0) failures.push(`${e.name}: ${errors} errors, ${non2xx} non-2xx`);
      if (e.kind === "api" && median(ratios) < 0.5) failures.push(`${e.name}: ${pct(median(ratios))} of the static file (goal ≥ 50 %)`);
      if (e.kind === "api" && p99max >= 50) failures.push(`${e.name}: p99 ${p99max.toFixed(1)} ms (goal < 50 ms)`);
      if (e.kind === "ssr-finder" && median(ratios) < 0.1) failures.push(`${e.name}: ${pct(median(ratios))} of the static file (goal ≥ 10 %)`);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
    for (const r of rows) console.log(line(r));
    console.log(failures.length ? `\ngoals not met:\n  ${failures.join("\n  ")}` : "\nall goals met");
  } finally {
    await stop();
    await dropDatabase(dbUrl).catch(() => {});
    await counter.end();
    dbServer.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`✖ ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
