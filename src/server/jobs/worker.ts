import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "~/env";
import type { Db } from "~/server/db/client";
import { log } from "~/server/log";
import { HEARTBEAT_MS, claimJob, renewLease, type JobRow } from "./queue";

/** What a handler learns about its run: the lease can be lost, and then the work must stop. */
export interface JobContext {
  /** Aborted when the lease was lost (another worker owns the job now). */
  signal: AbortSignal;
  owner: string;
}

export type JobHandler = (db: Db, job: JobRow, ctx: JobContext) => Promise<void>;

/**
 * Jobs that run at once in this process. An import holds one connection for its write transaction
 * (plus short statements for progress and the lease): a bound well below the pool size leaves
 * connections for interactive and public requests, and the rest of the jobs wait in the queue.
 */
export const DEFAULT_JOB_CONCURRENCY = env.JOB_CONCURRENCY;

class Slots {
  private busy = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(readonly size: number) {}
  get free(): number {
    return this.size - this.busy;
  }
  tryTake(): boolean {
    if (this.busy >= this.size) return false;
    this.busy++;
    return true;
  }
  async take(): Promise<void> {
    while (!this.tryTake()) await new Promise<void>((r) => this.waiters.push(r));
  }
  release(): void {
    this.busy--;
    this.waiters.shift()?.();
  }
}

const g = globalThis as unknown as { jobSlots?: Slots; jobWorkers?: Map<string, JobWorker> };
/** One bound per process, shared by every worker and every request that runs its own job. */
export const jobSlots: Slots = (g.jobSlots ??= new Slots(DEFAULT_JOB_CONCURRENCY));

export const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/**
 * Runs one claimed job with a lease heartbeat. The heartbeat is its own short statement on a timer:
 * the job never waits for it, and a lost lease aborts the job's signal.
 */
export async function runClaimedJob(db: Db, job: JobRow, handler: JobHandler): Promise<void> {
  const abort = new AbortController();
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    renewLease(db, job.id, workerId)
      .then((held) => {
        if (!held) abort.abort(new Error("the job's lease was lost (another worker took it over)"));
      })
      .catch((err: unknown) => log("warn", "lease renewal failed", { jobId: job.id, error: err instanceof Error ? err.message : String(err) }))
      .finally(() => (beating = false));
  }, HEARTBEAT_MS);
  timer.unref?.();
  try {
    await handler(db, job, { signal: abort.signal, owner: workerId });
  } finally {
    clearInterval(timer);
  }
}

export interface WorkerOptions {
  db: Db;
  kind: string;
  handler: JobHandler;
  /** Poll interval when idle; a `kick` wakes the worker at once. */
  pollMs?: number;
  /** Stop after this long without work (a worker started on demand); never when unset. */
  idleExitMs?: number;
}

/**
 * Claims and runs jobs of one kind while slots are free. Used by `npm run worker`, by the dev server
 * (`startServices`), and on demand by a request that enqueued work in a process without a worker.
 */
export class JobWorker {
  private stopped = false;
  /** Set when the loop decided to end: a kick can no longer reach it. */
  exiting = false;
  private wake: (() => void) | null = null;
  private readonly running = new Set<Promise<void>>();
  private lastWork = Date.now();
  readonly done: Promise<void>;

  constructor(private readonly opts: WorkerOptions) {
    this.done = this.loop();
  }

  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.done;
  }

  get idle(): boolean {
    return this.running.size === 0;
  }

  private async loop(): Promise<void> {
    const { db, kind, handler } = this.opts;
    const pollMs = this.opts.pollMs ?? 1000;
    while (!this.stopped) {
      let claimed = false;
      if (jobSlots.tryTake()) {
        let job: JobRow | null = null;
        try {
          job = await claimJob(db, kind, workerId);
        } catch (err) {
          log("warn", "job claim failed", { kind, error: err instanceof Error ? err.message : String(err) });
        }
        if (job) {
          claimed = true;
          this.lastWork = Date.now();
          const run = runClaimedJob(db, job, handler)
            .catch((err: unknown) => log("error", "job handler crashed", { jobId: job.id, error: err instanceof Error ? err.message : String(err) }))
            .finally(() => {
              jobSlots.release();
              this.running.delete(run);
              this.lastWork = Date.now();
              this.kick();
            });
          this.running.add(run);
        } else jobSlots.release();
      }
      if (claimed) continue;
      if (this.opts.idleExitMs !== undefined && this.running.size === 0 && Date.now() - this.lastWork > this.opts.idleExitMs) {
        this.exiting = true;
        break;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        t.unref?.();
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
    this.exiting = true;
    await Promise.all([...this.running]);
  }
}

/**
 * The process's worker for `kind`, started if there is none. A permanent worker (the dev server,
 * `npm run worker`) is started with `idleExitMs` unset; one started on demand by a request stops
 * after a short idle period and is started again by the next request.
 */
export function ensureWorker(opts: WorkerOptions): JobWorker {
  const workers = (g.jobWorkers ??= new Map());
  let w = workers.get(opts.kind);
  if (!w || w.exiting) {
    w = new JobWorker(opts);
    workers.set(opts.kind, w);
    const self = w;
    void w.done.finally(() => {
      if (workers.get(opts.kind) === self) workers.delete(opts.kind);
    });
  }
  w.kick();
  return w;
}

/** The running worker of `kind` in this process, if any. */
export function currentWorker(kind: string): JobWorker | undefined {
  return g.jobWorkers?.get(kind);
}
