/**
 * Imports under attack and under load (issue 11, items 1 and 3), each in a child process with its
 * own database:
 * - event-loop delay p99 during a hostile import (a 40,000-column header with rows as wide);
 * - 12 parallel imports across 2 organizations (20,000 rows each into 12 datasets, as the issue's
 *   probe did): completed / failed, with the health check probed throughout.
 * Run: `npm run bench -- import-stress` (BENCH_PARALLEL_ROWS overrides the 20,000).
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { healthProbe, type HealthFigures } from "./import";

const SERVER = process.env.TEST_DATABASE_SERVER ?? "mysql://root@127.0.0.1:3306";
const PARALLEL_ROWS = Number(process.env.BENCH_PARALLEL_ROWS ?? 20_000);

const targetSchema = { fields: [{ name: "id", type: "string", required: true }, { name: "displayName", type: "string", required: true }, { name: "maxTokens", type: "number" }], keyField: "id", labelField: "displayName" };
const sourceSchema = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "name", type: "string", required: true },
    { name: "vendor", type: "string", required: true },
    { name: "family", type: "string", required: true },
    { name: "ramGb", type: "number" },
  ],
  dimensions: ["vendor", "family"],
  keyField: "id",
  labelField: "name",
};

async function withDatabase<T>(fn: (ctx: { url: string; db: import("../src/server/db/client").Db }) => Promise<T>): Promise<T> {
  process.env.LOG_LEVEL ??= "silent";
  const { createDb } = await import("../src/server/db/client");
  const { dropDatabase, ensureDatabase, migrateDatabase } = await import("../src/server/db/migrate");
  const url = `${SERVER}/compat_bench_${Date.now().toString(36)}_${process.pid}`;
  await ensureDatabase(url);
  const handle = createDb(url);
  try {
    await migrateDatabase(url);
    return await fn({ url, db: handle.db });
  } finally {
    await handle.close();
    await dropDatabase(url);
  }
}

async function makeOrg(db: import("../src/server/db/client").Db, n: number) {
  const { upsertOrganization } = await import("../src/server/org/orgs");
  const org = await upsertOrganization(db, { id: `org_stress_${process.pid}_${n}`, name: `Stress ${n}`, slug: `stress-${process.pid}-${n}`, planTier: "team" });
  return { org, scope: { db, orgId: org.id, actor: { type: "system" as const, id: "bench" }, requestId: `bench-${n}` } };
}

async function hostileChild(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const { createDataset, createDefinition, startImport } = await import("../src/server/catalog/index");
    const { org, scope } = await makeOrg(db, 1);
    const def = await createDefinition(scope, org, "target", { slug: "m", name: "M", schema: targetSchema });
    const ds = await createDataset(scope, "target", { definitionId: def.id, name: "M" });
    const wide = Array.from({ length: 40_000 }, (_, i) => `c${i}`).join(",");
    const text = [`id,displayName,${wide}`, ...Array.from({ length: 60 }, (_, k) => `m${k},Model ${k},${Array.from({ length: 40_000 }, () => "x").join(",")}`)].join("\n");
    const eld = monitorEventLoopDelay({ resolution: 5 });
    eld.enable();
    const t0 = performance.now();
    const res = await startImport(scope, org, "target", { datasetId: ds.id, format: "csv", body: { kind: "text", text }, fileName: "hostile.csv", mode: "upsert", onError: "skip", wait: true });
    eld.disable();
    console.log(`RESULT ${JSON.stringify({ p99: eld.percentile(99) / 1e6, max: eld.max / 1e6, ms: performance.now() - t0, status: res.import?.status, bytes: text.length })}`);
  });
}

async function parallelChild(): Promise<void> {
  await withDatabase(async ({ url }) => {
    const { createDb } = await import("../src/server/db/client");
    const { createDataset, createDefinition, startImport } = await import("../src/server/catalog/index");
    // The app's pool (10 connections, as in production) serves the imports; the probe has its own.
    const app = createDb(url);
    try {
      const orgs = [await makeOrg(app.db, 1), await makeOrg(app.db, 2)];
      const datasets = [];
      for (let k = 0; k < 12; k++) {
        const { org, scope } = orgs[k % 2]!;
        const def = await createDefinition(scope, org, "source", { slug: `d${k}`, name: `D${k}`, schema: sourceSchema });
        datasets.push({ org, scope, ds: await createDataset(scope, "source", { definitionId: def.id, name: `D${k}` }) });
      }
      const csv = (k: number) => ["id,name,vendor,family,ramGb", ...Array.from({ length: PARALLEL_ROWS }, (_, i) => `d${i},Device ${i},Vendor ${i % 40},F${i % 5},${i % 16}`)].join("\n") + `\n`;
      const probe = healthProbe(url);
      const t0 = performance.now();
      const settled = await Promise.allSettled(
        datasets.map(({ org, scope, ds }, k) => startImport(scope, org, "source", { datasetId: ds.id, format: "csv", body: { kind: "text", text: csv(k) }, fileName: `p${k}.csv`, mode: "upsert", onError: "abort", wait: true })),
      );
      const ms = performance.now() - t0;
      const health: HealthFigures = await probe.stop();
      const statuses = settled.map((r) => (r.status === "fulfilled" ? (r.value.import?.status ?? "unknown") : "rejected"));
      const errors = settled.map((r) => (r.status === "fulfilled" ? r.value.import?.error : String(r.reason))).filter(Boolean).slice(0, 3);
      console.log(`RESULT ${JSON.stringify({ completed: statuses.filter((s) => s === "completed").length, failed: statuses.filter((s) => s !== "completed").length, ms, health, errors })}`);
    } finally {
      await app.close();
    }
  });
}

function runChild(mode: string): Promise<Record<string, unknown>> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", self, "--child", mode], { cwd: path.resolve(path.dirname(self), ".."), stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.on("error", reject);
    proc.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`${mode} child exited with ${code}: ${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as Record<string, unknown>);
    });
  });
}

export async function runImportStressBench(): Promise<string[]> {
  const lines = [`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (2 cores shared with other work: delays scale with it)`];
  const h = (await runChild("hostile")) as { p99: number; max: number; ms: number; status: string; bytes: number };
  lines.push(`event-loop delay p99 during a hostile import: ${h.p99.toFixed(1)} ms (max ${h.max.toFixed(0)} ms; 40,000-column header + 60 rows as wide, ${(h.bytes / 1e6).toFixed(1)} MB, ${h.status} in ${(h.ms / 1000).toFixed(1)} s)`);
  const p = (await runChild("parallel")) as { completed: number; failed: number; ms: number; health: HealthFigures; errors: string[] };
  lines.push(`12 parallel imports across 2 orgs (${PARALLEL_ROWS.toLocaleString("en-US")} rows each): ${p.completed} completed / ${p.failed} failed in ${(p.ms / 1000).toFixed(1)} s; health check ${p.health.probes} probes, ${p.health.failed} failed, p99 ${p.health.p99Ms.toFixed(0)} ms`);
  for (const e of p.errors) lines.push(`  ✖ ${e.slice(0, 300)}`);
  lines.push(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  return lines;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const i = process.argv.indexOf("--child");
  if (i >= 0) {
    if (process.argv[i + 1] === "hostile") await hostileChild();
    else await parallelChild();
  } else {
    for (const line of await runImportStressBench()) console.log(line);
  }
}
