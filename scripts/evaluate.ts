/**
 * `npm run evaluate -- --page <id|slug> --path a/b/c [--json]`: what the Finder answers for a
 * selection, as a table (or the raw result as JSON).
 */
import { apiFromEnv, formatTable, oneOf, parseCli, required, resolvePage, runCli, UsageError, verdictWord } from "./lib/cli";
import { toJson } from "~/lib/export";

const usage = `usage: npm run evaluate -- --page <id|slug> --path <a/b/c> [--json] [--published] [--result-page <n> | --all]

Evaluates a selection on a page: one value per Finder level, optionally ending with a source row key.

  --page <id|slug>     the page (numeric id or slug)
  --path <a/b/c>       the selection, "/"-separated; use --path-json for values containing "/"
  --path-json <json>   the selection as a JSON array, e.g. '["Web app","Chat"]'
  --published          evaluate the published revision (default: the draft, like the dashboard preview)
  --result-page <n>    which page of targets (default 1; the page's pageSize per page)
  --all                fetch every page of targets
  --json               print the result as JSON instead of a table
  --format table|json  same as --json when json
  -h, --help           show this help

Environment: COMPAT_API_URL (default http://localhost:3000), COMPAT_API_KEY (required).`;

let apiUrl: string | undefined;

function parsePath(path: string | undefined, pathJson: string | undefined): string[] {
  if (pathJson !== undefined) {
    let v: unknown;
    try {
      v = JSON.parse(pathJson);
    } catch {
      throw new UsageError(`--path-json is not JSON: ${pathJson}`);
    }
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new UsageError("--path-json must be a JSON array of strings");
    return v;
  }
  const p = required(path, "--path");
  return p.split("/").map((s) => s.trim()).filter((s) => s !== "");
}

async function main() {
  const args = parseCli(
    process.argv.slice(2),
    {
      page: { type: "string" },
      path: { type: "string" },
      "path-json": { type: "string" },
      published: { type: "boolean" },
      "result-page": { type: "string" },
      all: { type: "boolean" },
      json: { type: "boolean" },
      format: { type: "string" },
    },
    usage,
  );
  const pageArg = required(args.page, "--page");
  const path = parsePath(args.path, args["path-json"]);
  const asJson = args.json === true || oneOf(args.format, ["table", "json"], "--format", "table") === "json";
  const first = args["result-page"] === undefined ? 1 : Number(args["result-page"]);
  if (!Number.isInteger(first) || first < 1) throw new UsageError(`--result-page must be a positive integer; got "${args["result-page"]}"`);

  const { api, url } = apiFromEnv();
  apiUrl = url;
  const page = await resolvePage(api, pageArg);
  const draft = !args.published;
  let result = await api.pages.evaluate.query({ pageId: page.id, path, page: first, draft });
  const targets = [...result.targets];
  while (args.all && result.page < result.totalPages) {
    result = await api.pages.evaluate.query({ pageId: page.id, path, page: result.page + 1, draft });
    targets.push(...result.targets);
  }
  const full = { ...result, page: args.all ? 1 : result.page, targets };

  if (asJson) {
    process.stdout.write(toJson({ pageId: page.id, pageSlug: page.slug, path, draft, ...full }));
    return;
  }
  if (full.needsDeeperSelection) {
    console.log(`Select at least ${full.minDepth} level(s) to see results (the path has ${path.length}).`);
    return;
  }
  const names = new Map(full.features.map((f) => [f.id, f.name]));
  console.log(`${page.name} — ${path.join(" / ") || "(no selection)"}${draft ? " (draft)" : ""}`);
  console.log(`${full.headline || verdictWord(full.verdict)}: ${full.counts.compatible} compatible, ${full.counts.partial} partial, ${full.counts.incompatible} incompatible of ${full.counts.total}; ${full.matchedSources} source row(s) matched\n`);
  const grouped = targets.some((t) => t.group);
  const rows = targets.map((t) => [
    t.label,
    ...(grouped ? [t.group ?? ""] : []),
    verdictWord(t.verdict) + (t.overridden ? " (override)" : ""),
    `${Math.round(t.score * 100)}%`,
    t.features
      .filter((f) => f.status !== "pass")
      .map((f) => `${names.get(f.ruleId) ?? f.ruleId}${f.status === "unknown" ? "?" : ""}`)
      .join(", ") + (t.note ? ` — ${t.note}` : ""),
  ]);
  const header = ["target", ...(grouped ? ["group"] : []), "verdict", "score", "failed / unknown (?)"];
  console.log(rows.length > 0 ? formatTable(header, rows) : "No targets.");
  if (!args.all && full.totalPages > 1) console.log(`\npage ${full.page} of ${full.totalPages} (${full.totalTargets} targets) — use --all or --result-page <n>`);
}

runCli(usage, main, () => apiUrl);
