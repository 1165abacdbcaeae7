/**
 * Test support for the reliability suite (not a test file: vitest only collects `*.test.ts`).
 *
 * - `faultyDb(url)`: a real mysql2 pool, wrapped the way `createDb` wraps it, whose
 *   TRANSACTION connections can be made to drop on the N-th statement — before the statement
 *   reaches the server, or after the server ran it but before the client heard back (for a
 *   COMMIT that is the nasty case: committed, yet the caller sees an error). The connection is
 *   really destroyed, so the server rolls back whatever was open, exactly as after a crash.
 * - `outcome(p)`: the tRPC code a call answers with ("OK" on success).
 * - `call(caller, "a.b.c", input)`: a procedure by its dotted path.
 * - `figures`: counters each file prints at the end (cases run, faults injected, …).
 */
import { TRPCError } from "@trpc/server";
import { drizzle } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import type { Db } from "~/server/db/client";
import * as schema from "~/server/db/schema";

export type Outcome = TRPCError["code"] | "OK";

/** `outcome(p)` is the shared `codeOf`: "OK", or the tRPC error code; `settle` keeps the error. */
export { codeOf as outcome, settle } from "~/test/trpc-errors";

/** Calls a procedure of a caller by its dotted path (`sources.definitions.create`). */
export function call(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller);
  if (typeof fn !== "function") throw new Error(`no procedure ${path}`);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** Named counters a test file reports in its last line (`afterAll(() => figures.print("…"))`). */
export class Figures {
  private readonly counts = new Map<string, number>();
  add(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
  }
  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }
  entries(): [string, number][] {
    return [...this.counts.entries()];
  }
  print(title: string): void {
    const lines = this.entries().map(([k, v]) => `  ${k}: ${v}`);
    console.log(`[reliability] ${title}\n${lines.join("\n")}`);
  }
}

/* ── A pool whose transaction connections can be dropped on cue ─────────────────────────── */

export interface FaultPlan {
  /** Drop on the N-th statement (1-based) sent on a transaction connection after arming… */
  atStatement?: number;
  /** …or on the first one whose SQL matches (e.g. `/^commit/i`). */
  match?: RegExp;
  /** "before": the statement never reaches the server. "after": it ran; the reply is lost. */
  when: "before" | "after";
}

export interface FaultyDb {
  db: Db;
  /** Statements seen on transaction connections since the last `arm`/`count` (fault or not). */
  readonly seen: number;
  /** SQL of the statements seen since the last arm/count, in order (for messages). */
  readonly log: readonly string[];
  /** Start counting from zero without a fault (a dry run measures a flow's statement count). */
  count(): void;
  arm(plan: FaultPlan): void;
  disarm(): void;
  /** Whether the armed fault fired. */
  readonly fired: boolean;
  /** Thread ids of every connection this pool opened (to find or kill them from outside). */
  threadIds(): number[];
  close(): Promise<void>;
}

type PoolConnection = mysql.PoolConnection;

export class SimulatedConnectionDrop extends Error {
  readonly code = "ECONNRESET";
  constructor(readonly statement: string, when: FaultPlan["when"]) {
    super(`simulated connection drop ${when} "${statement.slice(0, 80)}"`);
  }
}

export function faultyDb(url: string): FaultyDb {
  const pool = mysql.createPool({ uri: url, connectionLimit: 8, timezone: "Z", supportBigNumbers: true, bigNumberStrings: false });
  const threads = new Set<number>();
  pool.on("connection", (c) => threads.add(c.threadId));
  let plan: FaultPlan | null = null;
  let seen = 0;
  let fired = false;
  let log: string[] = [];

  const sqlOf = (args: unknown[]) => {
    const q = args[0] as string | { sql?: string };
    return typeof q === "string" ? q : (q?.sql ?? "");
  };

  function wrapConnection(conn: PoolConnection): PoolConnection {
    const intercept = (method: "query" | "execute") =>
      async (...args: unknown[]) => {
        const statement = sqlOf(args);
        seen++;
        log.push(statement);
        const hit = plan && !fired && (plan.match ? plan.match.test(statement.trim()) : seen === plan.atStatement) ? plan : null;
        if (hit?.when === "before") {
          fired = true;
          conn.destroy();
          throw new SimulatedConnectionDrop(statement, "before");
        }
        const result = await (conn[method] as (...a: unknown[]) => Promise<unknown>).apply(conn, args);
        if (hit?.when === "after") {
          fired = true;
          conn.destroy();
          throw new SimulatedConnectionDrop(statement, "after");
        }
        return result;
      };
    return new Proxy(conn, {
      get(target, prop, receiver) {
        if (prop === "query") return intercept("query");
        if (prop === "execute") return intercept("execute");
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  // drizzle recognises a pool by its `getConnection`; only transactions take a connection of their own.
  const proxiedPool = new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === "getConnection") return async () => wrapConnection(await target.getConnection());
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const db = drizzle(proxiedPool as unknown as mysql.Pool, { schema, mode: "default" }) as unknown as Db;

  return {
    db,
    get seen() {
      return seen;
    },
    get log() {
      return log;
    },
    get fired() {
      return fired;
    },
    count() {
      plan = null;
      seen = 0;
      fired = false;
      log = [];
    },
    arm(p) {
      plan = p;
      seen = 0;
      fired = false;
      log = [];
    },
    disarm() {
      plan = null;
    },
    threadIds: () => [...threads],
    close: () => pool.end(),
  };
}
