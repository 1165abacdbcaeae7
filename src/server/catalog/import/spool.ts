import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { PreparedRow } from "./prepare";

/**
 * Valid rows between the two passes (validate everything, then write), on disk so memory stays flat
 * whatever the file size. One JSON tuple per line; the JSON columns are already encoded strings.
 */
export class RowSpool {
  private out: WriteStream | null;
  count = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
  ) {
    this.out = createWriteStream(file);
  }

  static async create(): Promise<RowSpool> {
    const dir = await mkdtemp(path.join(tmpdir(), "compat-import-"));
    return new RowSpool(dir, path.join(dir, "rows.ndjson"));
  }

  async write(r: PreparedRow): Promise<void> {
    const line = JSON.stringify([r.line, r.keyText, r.keyHash, r.label, r.dimsJson, r.dimsHash, r.attrsJson, r.contentHash]);
    this.count++;
    if (!this.out!.write(`${line}\n`)) await once(this.out!, "drain");
  }

  async finish(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, "close");
  }

  async *rows(): AsyncGenerator<PreparedRow> {
    await this.finish();
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const text of lines) {
      if (text === "") continue;
      const [line, keyText, keyHash, label, dimsJson, dimsHash, attrsJson, contentHash] = JSON.parse(text) as [number, ...string[]];
      yield { line, keyText: keyText!, keyHash: keyHash!, label: label!, dimsJson: dimsJson!, dimsHash: dimsHash!, attrsJson: attrsJson!, contentHash: contentHash! };
    }
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
