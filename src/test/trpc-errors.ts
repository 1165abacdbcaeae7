/**
 * How tests read a procedure call's outcome — the one copy every test file imports.
 * Anything thrown that is not a TRPCError is a bug, not an answer: it rethrows.
 */
import { TRPCError } from "@trpc/server";

type Call<T> = Promise<T> | (() => Promise<T>);

/** The call's value, or the TRPCError it answered with (and its code). */
export async function settle<T>(p: Call<T>): Promise<{ ok: true; value: T; error?: undefined } | { ok: false; code: TRPCError["code"]; error: TRPCError }> {
  try {
    return { ok: true, value: await (typeof p === "function" ? p() : p) };
  } catch (err) {
    if (err instanceof TRPCError) return { ok: false, code: err.code, error: err };
    throw err;
  }
}

/** What a call answered: "OK", or the tRPC error code. */
export async function codeOf(p: Call<unknown>): Promise<TRPCError["code"] | "OK"> {
  const r = await settle(p);
  return r.ok ? "OK" : r.code;
}

/** The TRPCError a call answered with; fails the test when the call succeeded. */
export async function errorOf(p: Call<unknown>): Promise<TRPCError> {
  const r = await settle(p);
  if (r.ok) throw new Error("expected the call to fail, but it succeeded");
  return r.error;
}
