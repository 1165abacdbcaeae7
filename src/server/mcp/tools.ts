/**
 * The organization's published compatibility data as MCP tools (docs/mcp.md): read-only, published
 * pages only, each answer from the same read path as the public pages (held answers, same ranking).
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { OrgInfo } from "~/server/auth/types";
import type { Db } from "~/server/db/client";
import { publicError } from "~/server/errors";
import { publicChanges } from "~/server/changes";
import { publicPageInfo, publicPageList, publicResult, publicWhatIf } from "~/server/pages";
import { applyView, DEFAULT_VIEW } from "~/lib/finder-view";

const VERDICT = ["incompatible", "partial", "compatible"] as const;
/** How many result pages find_targets reads at most before it filters (the page size is the page's own). */
const MAX_RESULT_PAGES = 20;

const slug = z.string().min(1).max(64).describe("The page's slug, from list_pages");
const selection = z.array(z.string().min(1).max(255)).max(11).describe("The values chosen at each level of the page, in order (list_pages → the page's levels)");
const pairKeys = { page: slug, source: z.string().min(1).max(255).describe("The source's key"), target: z.string().min(1).max(255).describe("The target's key") };

const json = (value: unknown): CallToolResult => ({ content: [{ type: "text", text: JSON.stringify(value, null, 2) }] });

/** A tool's failure as the model should read it: what went wrong, never an internal id or a stack. */
function failure(err: unknown): CallToolResult {
  const message = err instanceof TRPCError ? publicError(err).message : "Something went wrong on our side; please try again in a moment";
  return { isError: true, content: [{ type: "text", text: message }] };
}

async function answer(run: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return json(await run());
  } catch (err) {
    return failure(err);
  }
}

export function compatMcpServer(db: Db, org: OrgInfo): McpServer {
  const server = new McpServer({ name: `${org.name} compatibility data`, version: "1.0.0" });
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    "list_pages",
    { title: "List pages", description: `The published compatibility pages of ${org.name}: their slugs, names, kind (finder or matrix) and cascade levels.`, annotations: readOnly },
    () =>
      answer(async () => {
        const pages = await publicPageList(db, org);
        return Promise.all(
          pages.map(async (p) => {
            const info = await publicPageInfo(db, org, p.slug);
            return { ...p, levels: [...info.dimensions, info.entry].map((d) => d.label), minDepth: info.minDepth };
          }),
        );
      }),
  );

  server.registerTool(
    "find_targets",
    {
      title: "Find compatible targets",
      description:
        "Targets for a selection on a Finder page, ranked as the page ranks them (verdict, then score, then name), with each verdict and the features not met. Filters as on the page: show only those that fit or are fully compatible, require one feature, search by name.",
      inputSchema: {
        page: slug,
        selection,
        show: z.enum(["all", "fit", "compatible"]).default("all").describe("fit = compatible or partial"),
        mustMeet: z.string().max(200).optional().describe("A feature (rule) name that must be met"),
        query: z.string().max(200).default("").describe("Part of a target's name or key"),
        limit: z.number().int().min(1).max(100).default(20),
      },
      annotations: readOnly,
    },
    ({ page, selection: path, show, mustMeet, query, limit }) =>
      answer(async () => {
        const first = await publicResult(db, org, page, path, 1);
        if (first.needsDeeperSelection) return { needsDeeperSelection: true, minDepth: first.minDepth, targets: [] };
        const feature = mustMeet ? first.features.find((f) => f.name.toLowerCase() === mustMeet.toLowerCase()) : undefined;
        if (mustMeet && !feature) return { error: `No feature named "${mustMeet}" on this page`, features: first.features.map((f) => f.name) };
        let targets = first.targets;
        for (let n = 2; n <= Math.min(first.totalPages, MAX_RESULT_PAGES); n++) targets = targets.concat((await publicResult(db, org, page, path, n)).targets);
        const names = new Map(first.features.map((f) => [f.id, f.name]));
        const ranked = applyView(targets, { ...DEFAULT_VIEW, show, feature: feature?.id ?? null, q: query });
        return {
          counts: first.counts,
          shown: Math.min(limit, ranked.length),
          matching: ranked.length,
          targets: ranked.slice(0, limit).map((t) => ({
            key: t.key,
            label: t.label,
            source: t.sourceKey,
            verdict: t.verdict === null ? null : VERDICT[t.verdict],
            score: t.score,
            notMet: t.features.filter((f) => f.status === "fail").map((f) => names.get(f.ruleId) ?? f.ruleId),
            dataMissing: t.features.filter((f) => f.status === "unknown").map((f) => names.get(f.ruleId) ?? f.ruleId),
          })),
        };
      }),
  );

  server.registerTool(
    "check_pair",
    { title: "Check one pair", description: "The verdict for one source and one target on a page, with every feature's result in plain language.", inputSchema: pairKeys, annotations: readOnly },
    ({ page, source, target }) =>
      answer(async () => {
        const w = await publicWhatIf(db, org, page, { sourceKey: source, targetKey: target, changes: {} });
        return {
          source: w.source,
          target: w.target,
          verdict: VERDICT[w.verdict],
          overridden: w.overridden,
          note: w.note,
          features: w.features.map((f) => ({ feature: f.ruleId, status: f.status, sentence: f.sentence })),
        };
      }),
  );

  server.registerTool(
    "explain",
    {
      title: "Explain a verdict",
      description: "Why a pair is not fully compatible, the smallest change on the source's side that would make it compatible (checked by evaluating it again), and the closest fully compatible alternatives.",
      inputSchema: pairKeys,
      annotations: readOnly,
    },
    ({ page, source, target }) =>
      answer(async () => {
        const w = await publicWhatIf(db, org, page, { sourceKey: source, targetKey: target, changes: {} });
        return {
          verdict: VERDICT[w.verdict],
          why: w.features.filter((f) => f.status !== "pass").map((f) => f.sentence),
          wouldBeCompatibleIf: w.combined?.verdictAfter === 2 ? w.combined.changes.map((c) => `${c.label}: ${c.fromText} → ${c.toText}`) : null,
          fixes: w.fixes,
          alternatives: w.alternatives,
        };
      }),
  );

  server.registerTool(
    "what_changed",
    {
      title: "What changed",
      description: "The page's changelog, newest first: each published revision and data update that moved verdicts, with the pairs that changed; `selection` narrows it to one Finder selection.",
      inputSchema: { page: slug, selection: selection.optional(), cursor: z.number().int().positive().optional().describe("nextCursor of the previous answer") },
      annotations: readOnly,
    },
    ({ page, selection: path, cursor }) => answer(() => publicChanges(db, org, page, { cursor, path })),
  );

  return server;
}
