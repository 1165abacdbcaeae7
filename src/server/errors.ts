import { TRPCError } from "@trpc/server";

/**
 * Machine-readable detail carried to clients in `error.data.details` (field path, line number,
 * limit name…). tRPC wants an Error as `cause`, so details ride on one.
 */
export class ErrorDetails extends Error {
  constructor(readonly details: Record<string, unknown>) {
    super("details");
    this.name = "ErrorDetails";
  }
}

function error(code: TRPCError["code"], message: string, details?: Record<string, unknown>) {
  return new TRPCError({ code, message, cause: details ? new ErrorDetails(details) : undefined });
}

/** The same answer for "missing" and "belongs to another tenant": existence is not revealed. */
export const notFound = (what: string, id?: string | number) =>
  error("NOT_FOUND", id === undefined ? `${what} not found` : `${what} ${id} not found`, { what, id });

/**
 * What an anonymous visitor may see of an error (docs/public-pages.md "Errors"): NOT_FOUND names the
 * thing, and keeps only a slug the visitor could have sent, never an internal id ("Source dataset 126
 * not found" was); an unexpected error says only that it failed (its cause stays for the log).
 */
export function publicError(err: TRPCError): TRPCError {
  if (err.code === "NOT_FOUND") {
    const details = err.cause instanceof ErrorDetails ? err.cause.details : null;
    if (!details) return /\d/.test(err.message) ? new TRPCError({ code: "NOT_FOUND", message: "Not found", cause: err }) : err;
    const what = typeof details.what === "string" ? details.what : "Page";
    const id = typeof details.id === "string" && !/^\d+$/.test(details.id) ? details.id : undefined;
    return id === details.id ? err : notFound(what, id);
  }
  if (err.code === "INTERNAL_SERVER_ERROR") {
    return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side; please try again in a moment", cause: err });
  }
  return err;
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  error("BAD_REQUEST", message, details);

export const conflict = (message: string, details?: Record<string, unknown>) => error("CONFLICT", message, details);

export const forbidden = (message: string, details?: Record<string, unknown>) => error("FORBIDDEN", message, details);

export const unauthorized = (message = "Sign in or send an API key") => error("UNAUTHORIZED", message);

/** A MySQL error of this code/errno anywhere in the cause chain (drivers and drizzle wrap them). */
function isMysqlError(err: unknown, code: string, errno: number, message: RegExp): boolean {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const x = e as { code?: string; errno?: number; message?: string; cause?: unknown };
    if (x.code === code || x.errno === errno || message.test(x.message ?? "")) return true;
    e = x.cause;
  }
  return false;
}

/** MySQL duplicate-key errors, from either driver. */
export const isDuplicateKey = (err: unknown) => isMysqlError(err, "ER_DUP_ENTRY", 1062, /Duplicate entry/i);

/** InnoDB chose this transaction as a deadlock victim (it was rolled back; rerunning it is safe). */
export const isDeadlock = (err: unknown) => isMysqlError(err, "ER_LOCK_DEADLOCK", 1213, /Deadlock found/i);
