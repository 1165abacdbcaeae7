/**
 * `npm run export-matrix -- --page <id|slug> [--format csv|json] [--out file]`: the whole
 * sources × targets matrix of a page, fetched slice by slice, as CSV or JSON.
 */
import { writeFileSync } from "node:fs";
import { apiFromEnv, oneOf, parseCli, progressPrinter, required, resolvePage, runCli } from "./lib/cli";
import { matrixToCsv, matrixToJson, type MatrixExport } from "~/lib/export";

const usage = `usage: npm run export-matrix -- --page <id|slug> [--format csv|json] [--out <file>] [--published]

Writes the page's matrix: one line per source row, one column per target (CSV), or the full
structure with features, groups and cells (JSON). Verdicts: compatible / partial / incompatible.

  --page <id|slug>   the page (numeric id or slug)
  --format csv|json  output format (default csv)
  --out <file>       write to this file instead of stdout
  --published        export the published revision (default: the draft)
  -h, --help         show this help

Environment: COMPAT_API_URL (default http://localhost:3000), COMPAT_API_KEY (required).`;

let apiUrl: string | undefined;

async function main() {
  const args = parseCli(process.argv.slice(2), { page: { type: "string" }, format: { type: "string" }, out: { type: "string" }, published: { type: "boolean" } }, usage);
  const pageArg = required(args.page, "--page");
  const format = oneOf(args.format, ["csv", "json"], "--format", "csv");
  const { api, url } = apiFromEnv();
  apiUrl = url;
  const page = await resolvePage(api, pageArg);
  const draft = !args.published;
  const progress = progressPrinter();

  let slice = await api.pages.matrix.query({ pageId: page.id, rowOffset: 0, rowLimit: 200, draft });
  const data: MatrixExport = {
    page: { id: page.id, slug: page.slug, name: page.name },
    draft,
    features: slice.features,
    groups: slice.groups,
    rows: [...slice.rows],
    targetLabels: Object.fromEntries(slice.targets.map((t) => [t.key, t.label])),
  };
  while (slice.nextRowOffset !== null) {
    progress.update(`fetching rows: ${data.rows.length} of ${slice.totalRows}`);
    slice = await api.pages.matrix.query({ pageId: page.id, rowOffset: slice.nextRowOffset, rowLimit: 200, draft });
    data.rows.push(...slice.rows);
  }
  progress.done();
  const text = format === "csv" ? matrixToCsv(data) : matrixToJson(data);
  if (args.out) {
    writeFileSync(args.out, text);
    console.error(`wrote ${data.rows.length} rows × ${data.groups.reduce((n, g) => n + g.targetKeys.length, 0)} targets to ${args.out}`);
  } else {
    process.stdout.write(text);
  }
}

runCli(usage, main, () => apiUrl);
