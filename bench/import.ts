/**
 * Import benchmark (docs/limits.md): a 100,000-row source CSV (3 dimensions, 10 fields, paid tier) into
 * a fresh local MariaDB database, against a budget of 10 s; 10,000 rows beside it to show that memory
 * does not grow with the file. Each size runs in its own child process so peak RSS is per size.
 * Run: `npx tsx bench/import.ts` (or `npm run bench -- import`).
 */
import { spawn } from "node:child_process";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const SIZES = [10_000, 100_000];
const BUDGET_MS = 10_000;
const SERVER = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";

interface ChildResult {
  rows: number;
  fileMb: number;
  ms: number;
  rowsPerSec: number;
  peakRssMb: number;
  baseRssMb: number;
  stats: unknown;
  status: string;
  phases: { readMs: number; writeMs: number };
  floorMs?: number;
  eldP99Ms: number;
  eldMaxMs: number;
  health: HealthFigures;
}

export interface HealthFigures {
  probes: number;
  failed: number;
  p99Ms: number;
}

/** Calls the health check (its own pool, as the app's would be) every 50 ms until stopped. */
export function healthProbe(url: string) {
  let stopped = false;
  const times: number[] = [];
  let failed = 0;
  const loop = (async () => {
    const { createDb } = await import("../src/server/db/client");
    const { getHealth } = await import("../src/server/health");
    const app = createDb(url);
    try {
      while (!stopped) {
        const t0 = performance.now();
        const h = await getHealth(app.db);
        times.push(performance.now() - t0);
        if (!h.ok) failed++;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await app.close();
    }
  })();
  return {
    async stop(): Promise<HealthFigures> {
      stopped = true;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { probes: times.length, failed, p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0 };
    },
  };
}

const FAMILIES = ["phone", "tablet", "laptop", "watch"];
const TIERS = ["low", "mid", "high"];

/** Streams a CSV of `n` rows to disk: vendor (50) → family (4) → model (~n/200) cascade, 10 fields. */
async function writeCsv(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  await write("id,name,vendor,family,model,ramGb,storageGb,hasNfc,tier,releaseYear\n");
  for (let i = 0; i < n; i++) {
    const vendor = `Vendor ${i % 50}`;
    const family = FAMILIES[(i >> 3) % 4]!;
    const model = `Model ${(i >> 5) % Math.max(1, n / 200)}`;
    await write(`dev-${i},"Device ${i}, rev ${i % 7}",${vendor},${family},${model},${(i % 16) + 1},${64 << i % 4},${i % 3 === 0 ? "yes" : "no"},${TIERS[i % 3]},${2015 + (i % 10)}\n`);
  }
  out.end();
  await once(out, "close");
}

const schema = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "name", type: "string", required: true },
    { name: "vendor", type: "string", required: true },
    { name: "family", type: "enum", required: true, options: FAMILIES },
    { name: "model", type: "string", required: true },
    { name: "ramGb", type: "number", required: false },
    { name: "storageGb", type: "number", required: false },
    { name: "hasNfc", type: "boolean", required: false },
    { name: "tier", type: "enum", required: false, options: TIERS },
    { name: "releaseYear", type: "number", required: false },
  ],
  dimensions: ["vendor", "family", "model"],
  keyField: "id",
  labelField: "name",
};

/** One size, in this process: own database, own org, one import; prints one JSON line. */
async function child(n: number): Promise<void> {
  process.env.LOG_LEVEL ??= "warn";
  const { createDb } = await import("../src/server/db/client");
  const { sql } = await import("drizzle-orm");
  const { dropDatabase, ensureDatabase, migrateDatabase } = await import("../src/server/db/migrate");
  const { upsertOrganization } = await import("../src/server/org/orgs");
  const { createDataset, createDefinition, startImport } = await import("../src/server/catalog/index");
  const url = `${SERVER}/compat_bench_${Date.now().toString(36)}_${process.pid}`;
  const dir = await mkdtemp(path.join(tmpdir(), "compat-bench-"));
  await ensureDatabase(url);
  const handle = createDb(url);
  try {
    await migrateDatabase(url);
    const org = await upsertOrganization(handle.db, { id: `org_bench_${process.pid}`, name: "Bench", slug: `bench-${process.pid}`, planTier: "team" });
    const scope = { db: handle.db, orgId: org.id, actor: { type: "system" as const, id: "bench" }, requestId: "bench" };
    const def = await createDefinition(scope, org, "source", { slug: "devices", name: "Devices", schema });
    const ds = await createDataset(scope, "source", { definitionId: def.id, name: "Devices" });
    const file = path.join(dir, "devices.csv");
    await writeCsv(file, n);
    const upload = new File([await openAsBlob(file)], "devices.csv", { type: "text/csv" });
    const baseRssMb = process.memoryUsage().rss / 1024 / 1024;
    const eld = monitorEventLoopDelay({ resolution: 5 });
    eld.enable();
    const probe = healthProbe(url);
    const start = performance.now();
    const phases = { readMs: 0, writeMs: 0 };
    const onProgress = (e: { phase: string; rowsDone: number; rowsTotal: number }) => {
      const at = performance.now() - start;
      if (e.phase === "reading") phases.readMs = at;
      else phases.writeMs = at;
    };
    const res = await startImport(scope, org, "source", { datasetId: ds.id, format: "csv", body: { kind: "file", file: upload }, fileName: "devices.csv", mode: "upsert", onError: "abort", wait: true }, { onProgress, progressIntervalMs: 100 });
    const ms = performance.now() - start;
    eld.disable();
    const health = await probe.stop();
    const result: ChildResult = {
      rows: n,
      fileMb: (await stat(file)).size / 1024 / 1024,
      ms,
      rowsPerSec: n / (ms / 1000),
      // maxRSS is in kilobytes on Linux.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      baseRssMb,
      stats: res.import?.stats,
      status: res.import?.status ?? "unknown",
      phases,
      eldP99Ms: eld.percentile(99) / 1e6,
      eldMaxMs: eld.max / 1e6,
      health,
    };
    // The database's own floor on this machine: the same rows copied server-side, same table and indexes.
    const floorStart = performance.now();
    await handle.db.execute(
      sql.raw(`INSERT INTO source_rows (organization_id, dataset_id, key_text, key_hash, label, attrs_json, content_hash, dims_json, dims_hash)
               SELECT organization_id, dataset_id + 1000000, key_text, key_hash, label, attrs_json, content_hash, dims_json, dims_hash FROM source_rows WHERE dataset_id = ${ds.id}`),
    );
    result.floorMs = performance.now() - floorStart;
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await handle.close();
    await dropDatabase(url);
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(n: number): Promise<ChildResult> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", self, "--child", String(n)], { cwd: path.resolve(path.dirname(self), ".."), stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`child for ${n} rows exited with ${code}: ${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as ChildResult);
    });
  });
}

/** Runs every size in a child process and returns the lines to print. */
export async function runImportBench(): Promise<string[]> {
  const lines: string[] = [];
  const results: ChildResult[] = [];
  for (const n of SIZES) {
    const r = await runChild(n);
    results.push(r);
    lines.push(
      `${n.toLocaleString("en-US").padStart(8)} rows  ${r.fileMb.toFixed(1).padStart(5)} MB csv  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(r.rowsPerSec).toLocaleString("en-US").padStart(7)} rows/s  peak RSS ${r.peakRssMb.toFixed(0)} MB (before import ${r.baseRssMb.toFixed(0)} MB)  ${r.status}`,
      `${"".padStart(15)}event-loop delay p99 ${r.eldP99Ms.toFixed(1)} ms (max ${r.eldMaxMs.toFixed(0)} ms); /api/health's check: ${r.health.probes} probes, ${r.health.failed} failed, p99 ${r.health.p99Ms.toFixed(0)} ms`,
      `${"".padStart(15)}read+validate ${(r.phases.readMs / 1000).toFixed(2)} s, write ${((r.phases.writeMs - r.phases.readMs) / 1000).toFixed(2)} s, dimensions+commit ${((r.ms - r.phases.writeMs) / 1000).toFixed(2)} s; server-side INSERT…SELECT of the same rows alone: ${((r.floorMs ?? 0) / 1000).toFixed(2)} s`,
    );
  }
  const big = results.at(-1)!;
  const small = results[0]!;
  lines.push(`${big.ms < BUDGET_MS && big.status === "completed" ? "✔" : "✖"} 100,000 rows in ${(big.ms / 1000).toFixed(2)} s (budget ${BUDGET_MS / 1000} s)`);
  lines.push(`  peak RSS ×${(big.peakRssMb / small.peakRssMb).toFixed(2)} for ×${big.rows / small.rows} rows (file ×${(big.fileMb / small.fileMb).toFixed(1)})`);
  return lines;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const i = process.argv.indexOf("--child");
  if (i >= 0) {
    await child(Number(process.argv[i + 1]));
  } else {
    for (const line of await runImportBench()) console.log(line);
  }
}
