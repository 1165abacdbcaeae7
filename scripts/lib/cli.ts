/**
 * What every internal script shares: argument parsing with `--help`, the typed API client from
 * COMPAT_API_URL / COMPAT_API_KEY, and errors printed as one clear line with a non-zero exit.
 * Scripts live outside the app, so reading process.env here is fine.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { TRPCClientError } from "@trpc/client";
import { createApiClient, type ApiClient } from "~/trpc/client";

/** Bad arguments or environment: exit 2 with the usage text. */
export class UsageError extends Error {}

/** A failure the script detected itself (an import that ended in "failed"): exit 1. */
export class ScriptError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `parseArgs` in strict mode; `--help` prints `usage` and exits 0; anything unknown is a UsageError. */
export function parseCli<O extends Options>(argv: string[], options: O, usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed.values as { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : O[K]["multiple"] extends true ? string[] : string };
}

/** A required option, or a UsageError naming it. */
export function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === "") throw new UsageError(`${flag} is required`);
  return value;
}

/** One of a fixed set of values, or a UsageError listing them. */
export function oneOf<const T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}; got "${value}"`);
  return value as T;
}

/** The API base URL and key from the environment. */
export function apiConfig(env: NodeJS.ProcessEnv = process.env): { url: string; apiKey: string } {
  const url = env.COMPAT_API_URL?.trim() || "http://localhost:3000";
  const apiKey = env.COMPAT_API_KEY?.trim();
  if (!apiKey) throw new UsageError("COMPAT_API_KEY is not set: create a key in the dashboard (API keys) or with `npm run api-key -- create --org <slug>`");
  try {
    new URL(url);
  } catch {
    throw new UsageError(`COMPAT_API_URL is not a URL: "${url}"`);
  }
  return { url: url.replace(/\/+$/, ""), apiKey };
}

export function apiFromEnv(): { api: ApiClient; url: string } {
  const cfg = apiConfig();
  return { api: createApiClient(cfg), url: cfg.url };
}

interface ErrorShapeData {
  code?: string;
  httpStatus?: number;
  path?: string;
  zodIssues?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

/** The server's message, its HTTP status and code, and any field paths it pointed at. */
export function formatError(err: unknown, url?: string): string {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as ErrorShapeData;
    const cause = (err.cause ?? {}) as { code?: string; message?: string };
    if (!data.code && (cause.code === "ECONNREFUSED" || /fetch failed|ECONNREFUSED|ENOTFOUND/i.test(err.message))) {
      return `cannot reach the API at ${url ?? "COMPAT_API_URL"} (${cause.code ?? err.message}). Is the app running, and is COMPAT_API_URL right?`;
    }
    const status = data.httpStatus ? `HTTP ${data.httpStatus} ${data.code ?? ""}`.trim() : (data.code ?? "error");
    const lines = [`${status}: ${err.message}`];
    if (data.code === "UNAUTHORIZED") lines.push("  (check COMPAT_API_KEY: the key may be wrong or revoked)");
    for (const issue of data.zodIssues ?? []) lines.push(`  at ${issue.path || "(input)"}: ${issue.message}`);
    if (data.details && Object.keys(data.details).length > 0) lines.push(`  details: ${JSON.stringify(data.details)}`);
    return lines.join("\n");
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs a script's main and exits: 0 on success, 2 on a UsageError (with the usage), 1 otherwise,
 * printing `✖ <message>` on stderr.
 */
export function runCli(usage: string, main: () => Promise<void>, url?: () => string | undefined): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`✖ ${err.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(`✖ ${formatError(err, url?.())}`);
      process.exit(1);
    },
  );
}

/** A page id, or a slug looked up in pages.list. */
export async function resolvePage(api: ApiClient, idOrSlug: string): Promise<{ id: number; slug: string; name: string; template: string }> {
  const pages = await api.pages.list.query();
  const asId = /^\d+$/.test(idOrSlug) ? Number(idOrSlug) : null;
  const page = pages.find((p) => p.id === asId || p.slug === idOrSlug);
  if (!page) {
    const known = pages.map((p) => `${p.id} (${p.slug})`).join(", ") || "none";
    throw new ScriptError(`no page "${idOrSlug}" in this organization; pages: ${known}`);
  }
  return page;
}

/** A plain-text table with a header rule; columns sized to their widest cell (capped). */
export function formatTable(header: string[], rows: string[][], maxWidth = 48): string {
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const all = [header, ...rows].map((r) => r.map(clip));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(all[0]!), widths.map((w) => "─".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/** Overwrites one status line on a terminal; prints whole lines (at most every few seconds) when piped. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let last = "";
  let printed = "";
  let lastAt = 0;
  return {
    update(text: string) {
      last = text;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
      } else if (text !== printed && Date.now() - lastAt > 2000) {
        stream.write(`${text}\n`);
        printed = text;
        lastAt = Date.now();
      }
    },
    done() {
      if (stream.isTTY && last) stream.write("\n");
      else if (!stream.isTTY && last && last !== printed) stream.write(`${last}\n`);
      last = printed = "";
    },
  };
}

export const verdictWord = (v: number | null | undefined) => (v === 2 ? "compatible" : v === 1 ? "partial" : v === 0 ? "incompatible" : "—");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
