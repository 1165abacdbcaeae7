import { and, eq } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { tablesFor, type Side } from "../tables";

export interface ImportProgressEvent {
  importId: number;
  phase: "reading" | "writing";
  rowsDone: number;
  rowsTotal: number;
}

/** Knobs for tests and the benchmark; production uses the defaults. */
export interface ImportTuning {
  batchSize?: number;
  /** Minimum time between progress writes (default 500 ms). */
  progressIntervalMs?: number;
  /** Largest INSERT statement in bytes (default: the server's max_allowed_packet, at most 4 MiB). */
  maxStatementBytes?: number;
  /** Called after each progress write has been committed. */
  onProgress?: (event: ImportProgressEvent) => Promise<void> | void;
}

/**
 * Progress goes through the pool, not the import's transaction: a client polling `imports.get` sees
 * it while the data transaction is still open. The import never waits for it — an import holding
 * its transaction's connection must not need a second one — so a report only starts a write, and
 * reports that arrive while one is in flight are folded into the next write. Throttled so a
 * 100k-row import does not spend its time reporting. Doubles as the import's heartbeat.
 */
export class ImportProgress {
  private last = 0;
  private inflight: Promise<void> | null = null;
  private next: ImportProgressEvent | null = null;

  constructor(
    private readonly db: Db,
    private readonly side: Side,
    private readonly orgId: string,
    private readonly importId: number,
    private readonly tuning: ImportTuning,
  ) {}

  /**
   * Starts a progress write and returns at once. With a `tuning.onProgress` hook (tests and the
   * benchmark act at known points of an import through it) it waits for the write and the hook.
   */
  async report(phase: ImportProgressEvent["phase"], rowsDone: number, rowsTotal: number, force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.last < (this.tuning.progressIntervalMs ?? 500)) return;
    this.last = now;
    const event = { importId: this.importId, phase, rowsDone, rowsTotal };
    if (this.tuning.onProgress) {
      await this.settle();
      await this.write(event);
      await this.tuning.onProgress(event);
      return;
    }
    this.next = event;
    if (!this.inflight) this.inflight = this.drain();
  }

  private async write(event: ImportProgressEvent): Promise<void> {
    const i = tablesFor(this.side).imports;
    await this.db
      .update(i)
      .set({ rowsDone: event.rowsDone, rowsTotal: event.rowsTotal, heartbeatAt: new Date() })
      .where(and(eq(i.organizationId, this.orgId), eq(i.id, this.importId), eq(i.status, "processing")));
  }

  /** Waits for the reports already made (before the final state is written). */
  async settle(): Promise<void> {
    while (this.inflight) await this.inflight;
  }

  private async drain(): Promise<void> {
    try {
      while (this.next) {
        const event = this.next;
        this.next = null;
        try {
          await this.write(event);
        } catch {
          // Progress is advisory: a failed write is superseded by the next one.
        }
      }
    } finally {
      this.inflight = null;
    }
  }
}
