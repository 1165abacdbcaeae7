/**
 * The public pages as Markdown, for language models and people who read text (docs/llms.md):
 * `llms.txt` (the organization's index, per llmstxt.org) and `/{slug}.md` (one page: a Finder's
 * choices or its ranked result for a selection, a Matrix's first rows). Built from the same public
 * answers as the pages; pure apart from those reads.
 */
import type { OrgInfo } from "~/server/auth/types";
import type { Db } from "~/server/db/client";
import { publicMatrix, publicOptions, publicPageInfo, publicPageList, publicResult, type PublicPageInfo } from "./public";

const VERDICT = ["❌ incompatible", "⚠️ partial", "✅ compatible"] as const;
const CELL = ["❌", "⚠️", "✅"] as const;
/** Bounds that keep a Markdown answer readable (and small): the page says when it stops short. */
const MAX_OPTIONS = 200;
const MAX_MATRIX_COLUMNS = 30;

/** Tenant text inside Markdown: no line breaks, no table pipes, no link or emphasis syntax. */
export function mdText(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/([\\`*_[\]|<>#])/g, "\\$1");
}

const levelNames = (info: PublicPageInfo) => [...info.dimensions, info.entry].map((d) => d.label);

export async function llmsTxt(db: Db, org: OrgInfo, base: string): Promise<string> {
  const pages = await publicPageList(db, org);
  const lines = [`# ${mdText(org.name)} — compatibility data`, "", `> The published compatibility pages of ${mdText(org.name)}: what works with what, with the reasons. Every page has a Markdown form (linked below); an MCP server answers the same questions.`, ""];
  lines.push("## Pages", "");
  if (pages.length === 0) lines.push("No page is published yet.");
  for (const p of pages) {
    const info = await publicPageInfo(db, org, p.slug);
    const what = p.template === "finder" ? `Finder: choose ${levelNames(info).map(mdText).join(" › ")} to see the ranked targets and why` : "Matrix: every entry checked against every target";
    lines.push(`- [${mdText(p.name)}](${base}/${p.slug}.md): ${what} (revision ${p.revision})`);
  }
  lines.push("", "## Optional", "");
  lines.push(`- [MCP server](${base}/api/mcp): Streamable HTTP; tools list_pages, find_targets, check_pair, explain, what_changed`);
  for (const p of pages) lines.push(`- [Changes to ${mdText(p.name)}](${base}/${p.slug}/changes.atom): Atom feed of revisions and data updates that moved verdicts`);
  return `${lines.join("\n")}\n`;
}

/** `/{slug}.md?path=…&page=…`: one page as Markdown. */
export async function pageMarkdown(db: Db, org: OrgInfo, base: string, slug: string, path: string[], pageNum: number): Promise<string> {
  const info = await publicPageInfo(db, org, slug);
  const href = `${base}/${slug}`;
  const lines = [`# ${mdText(info.name)}`, "", `Published by ${mdText(info.orgName)} · revision ${info.revision} · [the page](${href}) · [changes](${href}/changes)`, ""];
  if (info.template === "matrix") return `${[...lines, ...(await matrixLines(db, org, info, href))].join("\n")}\n`;

  const levels = levelNames(info);
  if (path.length > 0) lines.push(`Selection: ${path.map((v, i) => `${mdText(levels[i] ?? "")} = ${mdText(v)}`).join(" › ")}`, "");
  if (path.length < levels.length) {
    const options = await publicOptions(db, org, slug, path.length, path);
    const more = (extra: string) => `${href}.md?${new URLSearchParams([...path, extra].map((v) => ["path", v])).toString()}`;
    lines.push(`## Choose ${mdText(levels[path.length]!)}`, "");
    for (const o of options.values.slice(0, MAX_OPTIONS)) lines.push(`- [${mdText(o.label ?? o.value)}](${more(o.value)})${o.count > 1 ? ` (${o.count})` : ""}`);
    if (options.values.length > MAX_OPTIONS || options.truncated) lines.push(`- … and more: search on [the page](${href})`);
    lines.push("");
  }
  if (path.length < info.minDepth) return `${lines.join("\n")}\n`;

  const result = await publicResult(db, org, slug, path, pageNum);
  const c = result.counts;
  lines.push("## Result", "", `${c.compatible} of ${c.total} fully compatible · ${c.partial} partly · ${c.incompatible} not`, "");
  const names = new Map(result.features.map((f) => [f.id, f.name]));
  const named = (ids: string[]) => ids.map((id) => mdText(names.get(id) ?? id)).join(", ");
  lines.push("| Target | Verdict | Not met | Data missing |", "|---|---|---|---|");
  for (const t of result.targets) {
    const failed = t.features.filter((f) => f.status === "fail").map((f) => f.ruleId);
    const unknown = t.features.filter((f) => f.status === "unknown").map((f) => f.ruleId);
    lines.push(`| ${mdText(t.label)} | ${t.verdict === null ? "—" : VERDICT[t.verdict]} | ${named(failed)} | ${named(unknown)} |`);
  }
  if (result.totalPages > pageNum) {
    const next = new URLSearchParams([...path.map((v) => ["path", v]), ["page", String(pageNum + 1)]]);
    lines.push("", `Page ${pageNum} of ${result.totalPages}: [next page](${href}.md?${next.toString()})`);
  }
  return `${lines.join("\n")}\n`;
}

async function matrixLines(db: Db, org: OrgInfo, info: PublicPageInfo, href: string): Promise<string[]> {
  const m = await publicMatrix(db, org, info.slug, 0, 50);
  const columns = m.targets.slice(0, MAX_MATRIX_COLUMNS);
  const lines = [`${m.totalRows} entries × ${m.totalTargets} targets. ✅ compatible · ⚠️ partial · ❌ incompatible`, ""];
  lines.push(`| | ${columns.map((t) => mdText(t.label)).join(" | ")} |`, `|---|${columns.map(() => "---").join("|")}|`);
  for (const row of m.rows) lines.push(`| ${mdText(row.label)} | ${columns.map((_, i) => CELL[row.cells[i]!.v]).join(" | ")} |`);
  if (m.totalRows > m.rows.length || m.totalTargets > columns.length) {
    lines.push("", `Shown: the first ${m.rows.length} entries and ${columns.length} targets; the full matrix is on [the page](${href}).`);
  }
  return lines;
}
