/**
 * A shared HTTP cache for a fraction of a second, in front of Next in the production server
 * (server.ts): what a CDN does for a deployment behind one, for a single server without one.
 *
 * It keeps only what the app itself declared shareable — a 200 GET with `Cache-Control: public`
 * and an `s-maxage`, no `Set-Cookie`, varying on nothing but the request headers in the key — and
 * replays those bytes as they were sent, for at most `ttlMs` (then one request refreshes the entry
 * while the others are served the old copy for at most another `ttlMs`). A write in this process
 * that moves published pages or tenants empties it (`forgetSharedResponses`). Hits are not charged
 * to the public rate limit: like a CDN hit they cost less than the limiter itself
 * (docs/read-path.md, "The micro-cache").
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { processWide } from "~/server/held";
import { REQUEST_ID_HEADER } from "~/server/tenancy/resolve-tenant";

export interface MicroCacheOptions {
  /** How long an entry is fresh; 0 turns the cache off. */
  ttlMs: number;
  /** Bytes held in all (bodies and header text); the least recently used go first. */
  maxBytes: number;
  /** A larger response is passed through and not held. */
  maxEntryBytes: number;
  now?: () => number;
}

/** Request headers a kept response may vary on; each is part of the key. */
// x-compat-html-render: the whole-HTML cache's own render of a page (src/server/api/public-html.ts)
// must reach the page, never the cached HTML of the same URL.
const KEY_HEADERS = ["host", "accept-encoding", "trpc-accept", "rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "x-compat-html-render"] as const;

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  etag: string | null;
  freshUntil: number;
  /** After freshUntil: the first request refreshes; the rest are served this copy until staleUntil. */
  staleUntil: number;
  refreshing: boolean;
  size: number;
}

/** Marks an answer the cache gave (for people and tests reading responses). */
export const HIT_HEADER = "x-compat-cache";

const entries = processWide("http.microCache", () => new Map<string, Entry>());
const bytesHeld = processWide("http.microCacheBytes", () => ({ n: 0 }));

/** Empties the cache: after a write that changes what public responses say (publish, import, org change). */
export function forgetSharedResponses(): void {
  entries.clear();
  bytesHeld.n = 0;
}

function keyOf(req: IncomingMessage): string {
  let key = req.url ?? "";
  for (const h of KEY_HEADERS) key += `\u0000${req.headers[h] ?? ""}`;
  return key;
}

function drop(key: string): void {
  const e = entries.get(key);
  if (!e) return;
  entries.delete(key);
  bytesHeld.n -= e.size;
}

/** The fresh lifetime the response allows a shared cache, in ms; null when it may not be kept. */
export function sharedLifetimeMs(status: number, headers: OutgoingHttpHeaders): number | null {
  if (status !== 200 || headers["set-cookie"] !== undefined) return null;
  const cc = String(headers["cache-control"] ?? "").toLowerCase();
  if (!/(^|[\s,])public([\s,]|$)/.test(cc) || /no-store|no-cache|private/.test(cc)) return null;
  const sMaxAge = /s-maxage=(\d+)/.exec(cc);
  if (!sMaxAge) return null;
  const vary = String(headers.vary ?? "")
    .toLowerCase()
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (vary.some((v) => !(KEY_HEADERS as readonly string[]).includes(v))) return null;
  return Number(sMaxAge[1]) * 1000;
}

function matchesEtag(ifNoneMatch: string | string[] | undefined, etag: string | null): boolean {
  if (!etag || typeof ifNoneMatch !== "string") return false;
  return ifNoneMatch.split(",").some((t) => t.trim() === etag || t.trim() === "*");
}

function serve(req: IncomingMessage, res: ServerResponse, e: Entry): void {
  const headers = { ...e.headers, [REQUEST_ID_HEADER]: randomUUID(), [HIT_HEADER]: "hit" };
  if (matchesEtag(req.headers["if-none-match"], e.etag)) {
    delete headers["content-length"];
    delete headers["content-encoding"];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(e.status, headers);
  res.end(req.method === "HEAD" ? undefined : e.body);
}

/**
 * Wraps a request handler (Next's): answers from the cache when it can, and otherwise lets the
 * handler answer while it records what was sent.
 */
export function withMicroCache(
  opts: MicroCacheOptions,
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
): (req: IncomingMessage, res: ServerResponse) => unknown {
  const now = opts.now ?? Date.now;
  if (opts.ttlMs <= 0) return handler;
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return handler(req, res);
    const key = keyOf(req);
    const hit = entries.get(key);
    const t = now();
    if (hit) {
      if (t < hit.freshUntil || (hit.refreshing && t < hit.staleUntil)) {
        // Most recently used last: the first entries of the map are the ones to evict.
        entries.delete(key);
        entries.set(key, hit);
        serve(req, res, hit);
        return;
      }
      if (t >= hit.staleUntil) drop(key);
      else hit.refreshing = true;
    }
    if (req.method === "HEAD") return handler(req, res);
    record(key, res, opts, now, () => {
      const e = entries.get(key);
      if (e?.refreshing) drop(key);
    });
    return handler(req, res);
  };
}

/** Records what the handler writes; keeps it when it turns out shareable. */
function record(key: string, res: ServerResponse, opts: MicroCacheOptions, now: () => number, giveUp: () => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  let headArgs: OutgoingHttpHeaders = {};
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const take = (chunk: unknown, encoding?: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buf = Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > opts.maxEntryBytes) {
      tooBig = true;
      chunks.length = 0;
    } else chunks.push(buf);
  };
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const last = args.find((a, i) => i > 0 && a !== null && typeof a === "object") as OutgoingHttpHeaders | unknown[] | undefined;
    if (last && !Array.isArray(last)) headArgs = Object.fromEntries(Object.entries(last).map(([k, v]) => [k.toLowerCase(), v]));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    take(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (args.length > 0 && typeof args[0] !== "function") take(args[0], args[1]);
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const headers = { ...res.getHeaders(), ...headArgs };
    const lifetime = tooBig ? null : sharedLifetimeMs(res.statusCode, headers);
    if (lifetime === null || lifetime === 0) giveUp();
    else {
      const body = Buffer.concat(chunks);
      delete headers[REQUEST_ID_HEADER];
      const fresh = Math.min(lifetime, opts.ttlMs);
      const t = now();
      const entry: Entry = {
        status: res.statusCode,
        headers,
        body,
        etag: typeof headers.etag === "string" ? headers.etag : null,
        freshUntil: t + fresh,
        staleUntil: t + 2 * fresh,
        refreshing: false,
        size: body.length + JSON.stringify(headers).length + key.length,
      };
      drop(key);
      if (entry.size <= opts.maxBytes) {
        entries.set(key, entry);
        bytesHeld.n += entry.size;
        for (const [k] of entries) {
          if (bytesHeld.n <= opts.maxBytes) break;
          drop(k);
        }
      }
    }
    return result;
  } as typeof res.end;
}
