/**
 * The internal scripts against the running app with a real API key: import (progress, stats,
 * line-numbered errors, abort vs skip), publish, evaluate (table and JSON), export-matrix (CSV and
 * JSON), and the failures a script user meets (bad arguments, a wrong key) — each a clear message
 * and a non-zero exit.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createApiClient } from "~/trpc/client";
import { request } from "./server";

const baseUrl = inject("baseUrl");
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, "test-results/scripts-e2e");
const slug = `scripts-${Date.now().toString(36)}`;
let key = "";
let sourceDatasetId = 0;
let targetDatasetId = 0;
let pageId = 0;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<name>.ts` with the API env; never throws on a non-zero exit. */
async function script(name: string, args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const r = await run("npx", ["tsx", `scripts/${name}.ts`, ...args], {
      cwd: root,
      env: { ...process.env, COMPAT_API_URL: baseUrl, COMPAT_API_KEY: key, ...env },
      maxBuffer: 20 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  const { stdout } = await run("npx", ["tsx", "scripts/api-key.ts", "create", "--org", slug, "--tier", "team"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: inject("e2eDatabaseUrl") },
  });
  key = stdout.trim().split("\n").at(-1)!;
  expect(key).toMatch(/^cpk_/);

  // Schemas, datasets and a page through the same typed client the scripts use.
  const api = createApiClient({ url: baseUrl, apiKey: key });
  const src = await api.sources.definitions.create.mutate({
    slug: "apps",
    name: "Apps",
    schema: {
      fields: [
        { name: "id", type: "string", required: true },
        { name: "name", type: "string", required: true },
        { name: "category", type: "enum", required: true, options: ["chat", "agent"] },
        { name: "needsStreaming", type: "boolean", required: false },
      ],
      dimensions: ["category"],
      keyField: "id",
      labelField: "name",
    },
  });
  const tgt = await api.targets.definitions.create.mutate({
    slug: "models",
    name: "Models",
    schema: {
      fields: [
        { name: "id", type: "string", required: true },
        { name: "name", type: "string", required: true },
        { name: "provider", type: "string", required: true },
        { name: "supportsStreaming", type: "boolean", required: false },
      ],
      keyField: "id",
      labelField: "name",
    },
  });
  sourceDatasetId = (await api.sources.datasets.create.mutate({ definitionId: src.id, name: "Apps" })).id;
  targetDatasetId = (await api.targets.datasets.create.mutate({ definitionId: tgt.id, name: "Models" })).id;
  const page = await api.pages.create.mutate({ slug: "finder", name: "Finder", template: "finder", sourceDatasetId, targetDatasetId });
  pageId = page.id;
  await api.rules.create.mutate({
    pageId,
    name: "Streaming",
    required: true,
    logic: { or: [{ "!": { var: "source.needsStreaming" } }, { "==": [{ var: "target.supportsStreaming" }, true] }] },
  });
});

describe.sequential("internal scripts over HTTP with an API key", () => {
  it("import: CSV into the source dataset, with stats", async () => {
    const csv = file("apps.csv", "id,name,category,needsStreaming\nbot,Chat bot,chat,yes\nbatch,Batch job,agent,no\n");
    const r = await script("import", ["--side", "source", "--dataset", String(sourceDatasetId), "--file", csv]);
    expect(r.stderr).not.toMatch(/✖/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/completed/);
    expect(r.stdout).toMatch(/inserted 2, updated 0, unchanged 0, removed 0, errors 0/);
  });

  it("import: JSON into the target dataset; a re-run changes nothing", async () => {
    const json = file(
      "models.json",
      JSON.stringify([
        { id: "fast", name: "Fast model", provider: "Acme", supportsStreaming: true },
        { id: "slow", name: "Slow model", provider: "Acme", supportsStreaming: false },
      ]),
    );
    const first = await script("import", ["--side", "target", "--dataset", String(targetDatasetId), "--file", json]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/inserted 2/);
    const again = await script("import", ["--side", "target", "--dataset", String(targetDatasetId), "--file", json]);
    expect(again.stdout).toMatch(/inserted 0, updated 0, unchanged 2/);
  });

  it("import: a bad row aborts by default (exit 1, line number) and is skipped with --on-error skip", async () => {
    const bad = file("bad.csv", "id,name,category,needsStreaming\nok,Fine,chat,no\nbroken,Broken,nope,maybe\n");
    const abort = await script("import", ["--side", "source", "--dataset", String(sourceDatasetId), "--file", bad]);
    expect(abort.code).toBe(1);
    expect(abort.stdout).toMatch(/line 3 \[category\]/);
    expect(abort.stderr).toMatch(/✖/);

    const report = path.join(dir, "errors.csv");
    const skip = await script("import", ["--side", "source", "--dataset", String(sourceDatasetId), "--file", bad, "--on-error", "skip", "--errors-out", report]);
    expect(skip.code).toBe(0);
    expect(skip.stdout).toMatch(/inserted 1/);
    expect(readFileSync(report, "utf8")).toMatch(/^line,column,field,value,message\r\n3,/);
  });

  it("import: bad arguments exit 2 with the usage; a wrong key exits 1 with the server's 401", async () => {
    const noSide = await script("import", ["--dataset", "1", "--file", "x.csv"]);
    expect(noSide.code).toBe(2);
    expect(noSide.stderr).toMatch(/--side is required/);
    expect(noSide.stderr).toMatch(/usage: npm run import/);
    const unknown = await script("import", ["--side", "source", "--bogus"]);
    expect(unknown.code).toBe(2);
    const wrongKey = await script("import", ["--side", "source", "--dataset", String(sourceDatasetId), "--file", path.join(dir, "apps.csv")], { COMPAT_API_KEY: "cpk_wrong" });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/HTTP 401 UNAUTHORIZED/);
    const noKey = await script("publish", ["--page", "finder"], { COMPAT_API_KEY: "" });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/COMPAT_API_KEY is not set/);
  });

  it("--help prints the usage and exits 0 for every script", async () => {
    for (const name of ["import", "publish", "evaluate", "export-matrix"]) {
      const r = await script(name, ["--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`usage: npm run ${name}`));
    }
  });

  it("evaluate: a table of targets with verdicts, or JSON", async () => {
    const table = await script("evaluate", ["--page", String(pageId), "--path", "chat"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Fast model\s+compatible/);
    expect(table.stdout).toMatch(/Slow model\s+incompatible\s+\d+%\s+Streaming/);
    const json = await script("evaluate", ["--page", "finder", "--path", "chat", "--json"]);
    const body = JSON.parse(json.stdout) as { targets: { key: string; verdict: number }[] };
    expect(Object.fromEntries(body.targets.map((t) => [t.key, t.verdict]))).toEqual({ fast: 2, slow: 0 });
    const missing = await script("evaluate", ["--page", "no-such-page", "--path", "chat"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no page "no-such-page"/);
  });

  it("publish: by slug; the public page then answers", async () => {
    const r = await script("publish", ["--page", "finder"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/as revision 1/);
    const url = /public page: (\S+)/.exec(r.stdout)![1]!;
    expect(url).toBe(`${baseUrl}/p/${slug}/finder`);
    const res = await request(baseUrl, new URL(url).pathname);
    expect(res.status).toBe(200);
  });

  it("export-matrix: CSV to a file and JSON to stdout", async () => {
    const out = path.join(dir, "matrix.csv");
    const csv = await script("export-matrix", ["--page", String(pageId), "--format", "csv", "--out", out]);
    expect(csv.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\r\n");
    expect(lines[0]).toMatch(/^source key,source,/);
    expect(lines).toContain("bot,Chat bot,compatible,incompatible");
    const json = await script("export-matrix", ["--page", "finder", "--format", "json", "--published"]);
    expect(json.code).toBe(0);
    const m = JSON.parse(json.stdout) as { draft: boolean; rows: { key: string; cells: { target: string; verdict: string; failed: string[] }[] }[] };
    expect(m.draft).toBe(false);
    const bot = m.rows.find((r) => r.key === "bot")!;
    expect(bot.cells.find((c) => c.target === "slow")).toMatchObject({ verdict: "incompatible", failed: ["Streaming"] });
  });
});
