/**
 * Large JSON request bodies are decoded and parsed on a worker thread (issue 11.1, docs/jobs.md
 * "Event loop"): tRPC's fetch adapter calls `req.json()` on the whole body, and a 49 MB import body
 * held the event loop for hundreds of milliseconds in one go, stalling every other tenant's request.
 * The parsed value comes back by structured clone, which costs the main thread a copy, not a parse.
 */
import { Worker } from "node:worker_threads";

/** Bodies up to this many bytes are parsed in place: a worker round trip costs more than it saves. */
export const OFF_THREAD_JSON_BYTES = 512 * 1024;

// Plain CommonJS evaluated by the worker (`eval: true`), so no bundler needs to know about a second entry.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const decoder = new TextDecoder("utf-8", { fatal: false });
parentPort.on("message", ({ id, bytes }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: JSON.parse(decoder.decode(bytes)) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, message: String(err && err.message || err) });
  }
});
`;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function parser(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_SOURCE, { eval: true, name: "json-body" });
  w.unref(); // never keeps the process alive
  w.on("message", (m: { id: number; ok: boolean; value?: unknown; message?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (!p) return;
    if (m.ok) p.resolve(m.value);
    else p.reject(new SyntaxError(m.message));
  });
  const fail = (err: Error) => {
    if (worker === w) worker = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(err);
    }
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`JSON parser thread exited (${code})`)));
  worker = w;
  return w;
}

/** JSON.parse of UTF-8 bytes: on the worker thread when large, in place when small. */
export function parseJsonBytes(bytes: Uint8Array): Promise<unknown> {
  if (bytes.byteLength <= OFF_THREAD_JSON_BYTES) {
    try {
      return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    // Transferred, not copied: the bytes are the worker's now.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    parser().postMessage({ id, bytes: owned }, [owned.buffer as ArrayBuffer]);
  });
}

/**
 * A request whose `json()` reads the body and parses it off the main thread. Lazy, as tRPC's own
 * read is: a request refused before its input is needed (401, 403) is never read or parsed.
 */
class OffThreadJsonRequest extends Request {
  readonly #source: Request;

  constructor(source: Request) {
    super(source.url, { method: source.method, headers: source.headers, signal: source.signal });
    this.#source = source;
  }

  override async json(): Promise<unknown> {
    return parseJsonBytes(new Uint8Array(await this.#source.arrayBuffer()));
  }

  override text(): Promise<string> {
    return this.#source.text();
  }
}

/** The request tRPC should read: JSON POST bodies that may be large get their `json()` parsed off the main thread. */
export function withOffThreadJson(req: Request): Request {
  if (req.method !== "POST" || !req.body) return req;
  const type = req.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "application/json") return req;
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) <= OFF_THREAD_JSON_BYTES) return req;
  return new OffThreadJsonRequest(req);
}
