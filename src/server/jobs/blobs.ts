import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { jobBlobs } from "~/server/db/schema";

/** Size of one stored chunk: one short INSERT each, far below max_allowed_packet once hex-escaped. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/**
 * Stores a job's input in the database, chunk by chunk, each chunk its own statement: no
 * transaction and no connection is held while the body streams in. Returns the bytes stored.
 */
export async function storeJobBlob(db: Db, orgId: string, jobId: number, input: AsyncIterable<Uint8Array | string>): Promise<number> {
  let seq = 0;
  let total = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (final: boolean) => {
    while (pendingBytes >= BLOB_CHUNK_BYTES || (final && pendingBytes > 0)) {
      const all = Buffer.concat(pending);
      const chunk = all.subarray(0, BLOB_CHUNK_BYTES);
      const rest = all.subarray(chunk.length);
      await db.insert(jobBlobs).values({ organizationId: orgId, jobId, seq: seq++, data: Buffer.from(chunk) });
      pending = rest.length > 0 ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  };
  for await (const part of input) {
    const buf = typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    pending.push(buf);
    pendingBytes += buf.length;
    total += buf.length;
    if (pendingBytes >= BLOB_CHUNK_BYTES) await flush(false);
  }
  await flush(true);
  return total;
}

const READ_PIECE_BYTES = 16 * 1024;

/** The stored input as a byte stream, read one chunk (one short query) at a time. */
export function readJobBlob(db: Db, orgId: string, jobId: number): Readable {
  let seq = 0;
  return Readable.from(
    (async function* () {
      for (;;) {
        const [row] = await db
          .select({ data: jobBlobs.data })
          .from(jobBlobs)
          .where(and(eq(jobBlobs.organizationId, orgId), eq(jobBlobs.jobId, jobId), eq(jobBlobs.seq, seq)));
        if (!row) return;
        seq++;
        const data = Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data as unknown as Uint8Array);
        // Parsers work through a chunk in one go: small pieces keep each turn of the event loop short.
        for (let at = 0; at < data.length; at += READ_PIECE_BYTES) yield data.subarray(at, at + READ_PIECE_BYTES);
      }
    })(),
    { objectMode: false },
  );
}
