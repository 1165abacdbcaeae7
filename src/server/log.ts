import { env } from "~/env";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

let threshold: Level | "silent" = env.LOG_LEVEL;

/** Raises or lowers the level at run time (the demo seed quiets its per-call lines). */
export function setLogLevel(level: Level | "silent"): void {
  threshold = level;
}

/** Structured JSON logs, one line per event; `requestId` ties lines of one request together. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < order[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}
