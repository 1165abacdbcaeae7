/**
 * `npm run import -- --side source|target --dataset <id> --file x.csv [--mode upsert|replace]
 * [--on-error abort|skip]`: uploads a CSV or JSON file into a dataset and follows the import to its end.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { importErrorsToCsv } from "~/lib/export";
import { apiFromEnv, oneOf, parseCli, progressPrinter, required, runCli, ScriptError, sleep, UsageError } from "./lib/cli";

const usage = `usage: npm run import -- --side source|target --dataset <id> --file <path> [options]

Imports a CSV or JSON file (array of objects, or NDJSON) into a dataset, shows progress while the
server works, then prints the stats and any row errors with their line numbers.

  --side source|target     which side the dataset belongs to
  --dataset <id>           the dataset id (see the dashboard's Datasets screen)
  --file <path>            the file to import (.csv, .json, .ndjson)
  --format csv|json        override the format guessed from the file name
  --mode upsert|replace    upsert (default) adds and updates rows; replace also removes rows absent from the file
  --on-error abort|skip    abort (default) leaves the dataset unchanged if any row is invalid; skip imports the valid rows
  --map <column=field>     map a column to a field (repeatable); "column=" ignores the column
  --errors-out <file.csv>  also write the row errors to a CSV file
  -h, --help               show this help

Environment: COMPAT_API_URL (default http://localhost:3000), COMPAT_API_KEY (required).
Exit status: 0 when the import completed, 1 when it failed (or the API refused it), 2 on bad arguments.`;

let apiUrl: string | undefined;

function parseMapping(entries: string[] | undefined): Record<string, string | null> | undefined {
  if (!entries || entries.length === 0) return undefined;
  const mapping: Record<string, string | null> = {};
  for (const e of entries) {
    const i = e.indexOf("=");
    if (i <= 0) throw new UsageError(`--map takes column=field (or column= to ignore it); got "${e}"`);
    const field = e.slice(i + 1).trim();
    mapping[e.slice(0, i).trim()] = field === "" ? null : field;
  }
  return mapping;
}

const fmt = (n: number) => n.toLocaleString("en-US");

async function main() {
  const args = parseCli(
    process.argv.slice(2),
    {
      side: { type: "string" },
      dataset: { type: "string" },
      file: { type: "string" },
      format: { type: "string" },
      mode: { type: "string" },
      "on-error": { type: "string" },
      map: { type: "string", multiple: true },
      "errors-out": { type: "string" },
    },
    usage,
  );
  const side = oneOf(required(args.side, "--side"), ["source", "target"], "--side", "source");
  const datasetArg = required(args.dataset, "--dataset");
  const datasetId = Number(datasetArg);
  if (!Number.isInteger(datasetId) || datasetId <= 0) throw new UsageError(`--dataset must be a positive integer id; got "${datasetArg}"`);
  const file = required(args.file, "--file");
  let content: string;
  try {
    if (!statSync(file).isFile()) throw new Error("not a file");
    content = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --file ${file}: ${(err as Error).message}`);
  }
  const guessed = /\.(json|ndjson|jsonl)$/i.test(file) ? "json" : "csv";
  const format = oneOf(args.format, ["csv", "json"], "--format", guessed);
  const mode = oneOf(args.mode, ["upsert", "replace"], "--mode", "upsert");
  const onError = oneOf(args["on-error"], ["abort", "skip"], "--on-error", "abort");
  const mapping = parseMapping(args.map);

  const { api, url } = apiFromEnv();
  apiUrl = url;
  const catalog = side === "source" ? api.sources : api.targets;
  const fileName = path.basename(file);
  const started = await catalog.datasets.import.mutate({ datasetId, format, content, fileName, mode, onError, mapping, wait: false });

  const progress = progressPrinter();
  let view = started.import ?? (await catalog.imports.get.query({ id: started.importId }));
  while (view.status === "pending" || view.status === "processing") {
    const pct = view.rowsTotal > 0 && view.rowsDone > 0 ? ` (${Math.floor((view.rowsDone / view.rowsTotal) * 100)}%)` : "";
    progress.update(`importing ${fileName}: ${view.status}, ${fmt(view.rowsDone)} / ${fmt(view.rowsTotal)} rows${pct}`);
    await sleep(400);
    view = await catalog.imports.get.query({ id: started.importId });
  }
  progress.done();

  console.log(`import ${view.id} ${view.status}: ${view.summary}`);
  if (view.stats) {
    const s = view.stats;
    console.log(`  inserted ${fmt(s.inserted)}, updated ${fmt(s.updated)}, unchanged ${fmt(s.unchanged)}, removed ${fmt(s.removed)}, errors ${fmt(s.errors)}`);
  }
  for (const w of view.warnings.slice(0, 10)) console.log(`  warning: ${w}`);
  if (view.errors.length > 0) {
    console.log(`row errors${view.stats && view.stats.errors > view.errors.length ? ` (first ${view.errors.length} of ${fmt(view.stats.errors)})` : ""}:`);
    for (const e of view.errors.slice(0, 20)) console.log(`  line ${e.line}${e.field ? ` [${e.field}]` : ""}: ${e.message}`);
    if (view.errors.length > 20) console.log(`  … ${view.errors.length - 20} more${args["errors-out"] ? "" : " (use --errors-out to save them all)"}`);
  }
  if (args["errors-out"] && view.errors.length > 0) {
    writeFileSync(args["errors-out"], importErrorsToCsv(view.errors));
    console.log(`wrote ${view.errors.length} row errors to ${args["errors-out"]}`);
  }
  if (view.status === "failed") throw new ScriptError(view.error ?? "the import failed; the dataset was left unchanged");
}

runCli(usage, main, () => apiUrl);
