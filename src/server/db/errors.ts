/**
 * What a database failure really was. Drizzle wraps driver errors as "Failed query: <statement>"
 * (a multi-megabyte INSERT, for an import) with the driver's error as `cause`; and when a
 * transaction's connection is gone, the ROLLBACK fails too and its error replaces the first one.
 * These helpers keep the first error and name it by the server's own code and message.
 */

export interface DbErrorInfo {
  /** The server's symbolic code (`ER_LOCK_DEADLOCK`) or the client's (`ECONNRESET`). */
  code: string | null;
  errno: number | null;
  message: string;
}

interface DriverError {
  code?: unknown;
  errno?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The innermost driver error in a cause chain: the one that carries a code. */
export function dbErrorInfo(err: unknown): DbErrorInfo | null {
  let e = err as DriverError | undefined;
  let found: DriverError | null = null;
  for (let depth = 0; e && typeof e === "object" && depth < 8; depth++) {
    if (typeof e.code === "string" || typeof e.errno === "number" || typeof e.sqlMessage === "string") found = e;
    e = e.cause as DriverError | undefined;
  }
  if (!found) return null;
  const message = typeof found.sqlMessage === "string" ? found.sqlMessage : String(found.message ?? "");
  return { code: typeof found.code === "string" ? found.code : null, errno: typeof found.errno === "number" ? found.errno : null, message: message.slice(0, 500) };
}

/** InnoDB gave up on a lock (deadlock victim or lock wait timeout): the transaction may be retried. */
export function isRetryableLockError(err: unknown): boolean {
  const info = dbErrorInfo(err);
  return info?.errno === 1213 || info?.errno === 1205 || info?.code === "ER_LOCK_DEADLOCK" || info?.code === "ER_LOCK_WAIT_TIMEOUT";
}

/** The server refused a statement larger than its max_allowed_packet. */
export function isPacketTooLarge(err: unknown): boolean {
  const info = dbErrorInfo(err);
  return info?.errno === 1153 || info?.code === "ER_NET_PACKET_TOO_LARGE";
}

/** A one-line description: the server's message and code, never a whole statement. */
export function describeDbError(err: unknown): string {
  const info = dbErrorInfo(err);
  if (info) return `${info.message || "database error"}${info.code ? ` (${info.code}${info.errno ? ` ${info.errno}` : ""})` : ""}`;
  const message = err instanceof Error ? err.message : String(err);
  // A drizzle wrapper without a driver cause: keep the statement's start only.
  return message.startsWith("Failed query: ") ? message.slice(0, 200) : message.slice(0, 2000);
}

/**
 * Runs `fn` in a transaction and, when it fails, rethrows the error `fn` threw — not the error of
 * the ROLLBACK that followed on a dead connection ("Failed query: rollback").
 */
export async function transactionKeepingCause<T, Tx>(
  begin: (run: (tx: Tx) => Promise<T>) => Promise<T>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  let first: { error: unknown } | null = null;
  try {
    return await begin(async (tx) => {
      try {
        return await fn(tx);
      } catch (err) {
        first = { error: err };
        throw err;
      }
    });
  } catch (err) {
    if (first !== null) throw (first as { error: unknown }).error;
    throw err;
  }
}
