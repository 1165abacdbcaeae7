/**
 * The request-body bound of `/api/trpc` (imports included) and how a body reaches the route intact.
 * See docs/foundation.md "Request bodies".
 *
 * Why the middleware runs on the edge runtime: with a Node-runtime middleware, Next 15.5 clones
 * every request body for it and does not wait for the clone to finish before the route reads the
 * original stream (vercel/next.js#85416, fixed only in 16), so bodies lost their first bytes under
 * load. The edge sandbox awaits it. Next buffers at most `experimental.middlewareClientMaxBodySize`
 * of a body for the middleware and silently cuts the rest, so that buffer is set above this bound
 * (next.config.mjs; a test keeps the two in step).
 */
import { createHash } from "node:crypto";

/** Largest body `/api/trpc` accepts: the 50 MB import limit plus JSON/FormData envelope. */
export const MAX_REQUEST_BODY_BYTES = 60 * 1024 * 1024;

/**
 * What next.config.mjs must give `middlewareClientMaxBodySize`: more than the bound by more than
 * one socket read (≤ 64 KiB), so a chunked body cut there is still seen as over the bound (413),
 * never as a shorter complete body.
 */
export const MIDDLEWARE_BODY_BUFFER_BYTES = MAX_REQUEST_BODY_BYTES + 1024 * 1024;

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** 413 in tRPC's error shape (superjson envelope), so the typed client shows the message. */
export function payloadTooLarge(url: string, bytes: number | null): Response {
  const message =
    bytes === null
      ? `The request body is larger than ${mib(MAX_REQUEST_BODY_BYTES)} (the limit). Imports accept files up to 50 MB: split larger ones.`
      : `The request body is ${mib(bytes)}; the limit is ${mib(MAX_REQUEST_BODY_BYTES)}. Imports accept files up to 50 MB: split larger ones.`;
  const error = {
    json: {
      message,
      code: -32013,
      data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, details: { bytes, maxBytes: MAX_REQUEST_BODY_BYTES } },
    },
  };
  const batched = new URL(url).searchParams.get("batch") === "1";
  return Response.json(batched ? [{ error }] : { error }, { status: 413 });
}

export interface BoundedBody {
  req: Request;
  /** A body sent without Content-Length ran past the bound while being read. */
  exceeded(): boolean;
  /** sha256 and length of the bytes the route read, once it read them all (e2e checks only). */
  digest(): { sha256: string; bytes: number } | null;
}

/**
 * Refuses a declared-too-large body before reading it (returns the 413), else wraps the body so a
 * body without Content-Length is counted as it is read and cut off at the bound. With `measure`
 * the bytes read are also hashed (the e2e suite compares them with what it sent).
 */
export function boundRequestBody(incoming: Request, opts: { measure?: boolean } = {}): Response | BoundedBody {
  const declared = incoming.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_REQUEST_BODY_BYTES) return payloadTooLarge(incoming.url, Number(declared));
  const counted = !!incoming.body && declared === null;
  if (!incoming.body || (!counted && !opts.measure)) return { req: incoming, exceeded: () => false, digest: () => null };

  const source = incoming.body;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  let seen = 0;
  let over = false;
  let done: { sha256: string; bytes: number } | null = null;
  const hash = opts.measure ? createHash("sha256") : null;
  // Pulled only when the route reads (highWaterMark 0), never ahead of it: reading earlier than
  // the route would would change when the body is taken off the socket (and hid the clone race).
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= source.getReader();
        const next = await reader.read();
        if (next.done) {
          if (hash) done = { sha256: hash.digest("hex"), bytes: seen };
          controller.close();
          return;
        }
        seen += next.value.byteLength;
        if (counted && seen > MAX_REQUEST_BODY_BYTES) {
          over = true;
          controller.error(new Error(`Request body exceeds ${MAX_REQUEST_BODY_BYTES} bytes`));
          void reader.cancel();
          return;
        }
        hash?.update(next.value);
        controller.enqueue(next.value);
      },
      cancel(reason) {
        return reader ? reader.cancel(reason) : source.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  const req = new Request(incoming, { body, duplex: "half" } as RequestInit);
  return { req, exceeded: () => over, digest: () => done };
}
