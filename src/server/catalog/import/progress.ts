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
  /** Called after each progress write has been committed. */
  onProgress?: (event: ImportProgressEvent) => Promise<void> | void;
}

/**
 * Progress goes through the pool, not the import's transaction: a client polling `imports.get` sees
 * it while the data transaction is still open. Throttled so a 100k-row import does not spend its
 * time reporting. Doubles as the worker's heartbeat.
 */
export class ImportProgress {
  private last = 0;

  constructor(
    private readonly db: Db,
    private readonly side: Side,
    private readonly orgId: string,
    private readonly importId: number,
    private readonly tuning: ImportTuning,
  ) {}

  async report(phase: ImportProgressEvent["phase"], rowsDone: number, rowsTotal: number, force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.last < (this.tuning.progressIntervalMs ?? 500)) return;
    this.last = now;
    const i = tablesFor(this.side).imports;
    await this.db
      .update(i)
      .set({ rowsDone, rowsTotal, heartbeatAt: new Date(now) })
      .where(and(eq(i.organizationId, this.orgId), eq(i.id, this.importId), eq(i.status, "processing")));
    await this.tuning.onProgress?.({ importId: this.importId, phase, rowsDone, rowsTotal });
  }
}
