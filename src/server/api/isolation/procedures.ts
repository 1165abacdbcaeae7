import type { AnyTRPCProcedure } from "@trpc/server";
import { appRouter } from "~/server/api/root";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** Top-level input keys that name a tenant-owned row (`id`, `…Id`, `…Ids`). */
  idKeys: string[];
}

const ID_KEY = /^(id|ids|[a-z][A-Za-z]*Ids?)$/;

function inputKeys(proc: AnyTRPCProcedure): string[] {
  const inputs = (proc._def as { inputs?: unknown[] }).inputs ?? [];
  const keys: string[] = [];
  for (const schema of inputs) {
    // zod v4 objects expose `shape`; unions/FormData parsers have none and are listed by hand.
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (shape && typeof shape === "object") keys.push(...Object.keys(shape));
  }
  return keys;
}

/** Every procedure of the app router, flattened to dotted paths. */
export function listProcedures(): ProcedureInfo[] {
  const procs = (appRouter._def as unknown as { procedures: Record<string, AnyTRPCProcedure> }).procedures;
  return Object.entries(procs).map(([path, proc]) => ({
    path,
    type: proc._def.type,
    idKeys: inputKeys(proc).filter((k) => ID_KEY.test(k)),
  }));
}
