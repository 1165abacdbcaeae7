import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { z } from "zod";
import { badRequest } from "~/server/errors";
import type { ColumnMapping } from "./mapping";
import type { ImportFormat } from "./parse";

/** Largest accepted upload or script content. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ImportMode = "upsert" | "replace";
export type OnError = "abort" | "skip";

/** An import request, whichever way it arrived. */
export interface ImportRequest {
  datasetId: number;
  format: ImportFormat;
  body: { kind: "text"; text: string } | { kind: "file"; file: File };
  fileName: string | null;
  mode: ImportMode;
  onError: OnError;
  mapping?: ColumnMapping;
  /** Run to the end before answering (scripts); otherwise the import continues in the background. */
  wait: boolean;
}

const mode = z.enum(["upsert", "replace"]).default("upsert");
const onError = z.enum(["abort", "skip"]).default("abort");
const mapping = z.record(z.string().max(255), z.string().max(64).nullable());

/** Scripts: `{ datasetId, format, content }` plus options. */
export const scriptImportInput = z.object({
  datasetId: z.number().int().positive(),
  format: z.enum(["csv", "json"]),
  content: z.string(),
  fileName: z.string().max(255).optional(),
  mode,
  onError,
  mapping: mapping.optional(),
  wait: z.boolean().default(false),
});

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const mappingJson = z.string().transform((text, ctx) => {
  try {
    return mapping.parse(JSON.parse(text));
  } catch {
    ctx.addIssue({ code: "custom", message: 'mapping must be a JSON object of { "column": "field" | null }' });
    return z.NEVER;
  }
});

/** The dashboard's multipart upload: fields `datasetId`, `file`, and optional `format`, `mode`, `onError`, `mapping` (JSON), `wait`. */
const formFields = z.object({
  datasetId: z.coerce.number().int().positive(),
  file: z.instanceof(File, { message: "file must be an uploaded file" }),
  format: z.enum(["csv", "json"]).optional(),
  mode,
  onError,
  mapping: mappingJson.optional(),
  wait: flag.optional(),
});

function formatOf(name: string, type: string): ImportFormat {
  return /\.(json|ndjson|jsonl)$/i.test(name) || /json/i.test(type) ? "json" : "csv";
}

function fromForm(fd: FormData, ctx: z.RefinementCtx): ImportRequest | typeof z.NEVER {
  const fields: Record<string, unknown> = {};
  for (const key of ["datasetId", "file", "format", "mode", "onError", "mapping", "wait"]) {
    const v = fd.get(key);
    if (v !== null && v !== "") fields[key] = v;
  }
  const parsed = formFields.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  const f = parsed.data;
  return {
    datasetId: f.datasetId,
    format: f.format ?? formatOf(f.file.name, f.file.type),
    body: { kind: "file", file: f.file },
    fileName: f.file.name.slice(0, 255) || null,
    mode: f.mode,
    onError: f.onError,
    mapping: f.mapping,
    wait: f.wait ?? false,
  };
}

/**
 * One input for both callers: a `FormData` upload or the scripts' object. Dispatching by hand (not
 * `z.union`) keeps the issues specific to the shape that was sent.
 */
export const importInput = z
  .custom<FormData | z.input<typeof scriptImportInput>>((v) => v instanceof FormData || (typeof v === "object" && v !== null), {
    message: "Send a FormData upload or { datasetId, format, content }",
  })
  .transform((v, ctx): ImportRequest => {
    if (v instanceof FormData) return fromForm(v, ctx);
    const parsed = scriptImportInput.safeParse(v);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    const s = parsed.data;
    return {
      datasetId: s.datasetId,
      format: s.format,
      body: { kind: "text", text: s.content },
      fileName: s.fileName ?? null,
      mode: s.mode,
      onError: s.onError,
      mapping: s.mapping,
      wait: s.wait,
    };
  });

/** Refuses bodies over the size limit before anything is read. */
export function assertImportSize(req: ImportRequest): void {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most texts are known to fit without the exact count, a
  // pass over the whole text on the main thread (tens of ms for 50 MB of non-Latin text).
  const fits = req.body.kind === "text" && req.body.text.length * 3 <= MAX_IMPORT_BYTES;
  const bytes = req.body.kind === "file" ? req.body.file.size : fits ? 0 : Buffer.byteLength(req.body.text, "utf8");
  if (bytes > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    throw badRequest(`The file is ${mb(bytes)}; imports accept at most ${mb(MAX_IMPORT_BYTES)}. Split it and import the parts with mode "upsert".`, {
      field: req.body.kind === "file" ? "file" : "content",
      bytes,
      maxBytes: MAX_IMPORT_BYTES,
    });
  }
}

/** The body as a byte/text stream: uploads are streamed from the File, never read whole. */
export function bodyStream(req: ImportRequest): Readable {
  if (req.body.kind === "file") return Readable.fromWeb(req.body.file.stream() as unknown as NodeWebStream<Uint8Array>);
  const text = req.body.text;
  // Slices keep the parser incremental (progress, bounded record buffers) even for one big string.
  return Readable.from(
    (function* () {
      for (let i = 0; i < text.length; ) {
        let end = Math.min(i + 64 * 1024, text.length);
        // Never cut a surrogate pair in two: each half alone would decode as U+FFFD.
        if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
        yield text.slice(i, end);
        i = end;
      }
    })(),
  );
}
