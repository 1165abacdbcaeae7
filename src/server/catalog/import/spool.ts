import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { PreparedRow } from "./prepare";

/**
 * Valid rows between the two passes (validate everything, then write), on disk so memory stays flat
 * whatever the file size. One JSON tuple per line; the JSON columns are already encoded strings.
 */
export class RowSpool {
  private out: WriteStream | null;
  private failure: Error | null = null;
  count = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {
    this.out = createWriteStream(file);
    // A disk error (or a write landing after dispose) must reach the import, never crash the process.
    this.out.on("error", (err) => (this.failure ??= err));
  }

  static async create(): Promise<RowSpool> {
    const dir = await mkdtemp(path.join(tmpdir(), "compat-import-"));
    return new RowSpool(dir, path.join(dir, "rows.ndjson"));
  }

  /** Appends a batch with one write call. */
  async write(rows: readonly PreparedRow[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (rows.length === 0) return;
    let text = "";
    for (const r of rows) text += `${JSON.stringify([r.line, r.keyText, r.keyHash, r.label, r.dimsJson, r.dimsHash, r.attrsJson, r.contentHash, r.absent])}\n`;
    this.count += rows.length;
    if (!this.out!.write(text)) await once(this.out!, "drain");
  }

  async finish(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, "close");
    if (this.failure) throw this.failure;
  }

  /** The spooled rows in file order, a read chunk's worth at a time. */
  async *rows(): AsyncGenerator<PreparedRow[]> {
    await this.finish();
    let rest = "";
    for await (const chunk of createReadStream(this.file, { encoding: "utf8", highWaterMark: 1024 * 1024 })) {
      const text = rest + (chunk as string);
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      yield lines.filter((l) => l !== "").map(decode);
    }
    if (rest !== "") yield [decode(rest)];
  }

  /** Removes the file; safe to call twice and after failures. */
  async dispose(): Promise<void> {
    if (this.out) {
      this.out.destroy();
      this.out = null;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}

function decode(text: string): PreparedRow {
  const [line, keyText, keyHash, label, dimsJson, dimsHash, attrsJson, contentHash, absent] = JSON.parse(text) as [number, string, string, string, string, string, string, string, string[]];
  return { line, keyText, keyHash, label, dimsJson, dimsHash, attrsJson, contentHash, absent };
}
