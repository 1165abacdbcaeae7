import type { AnyTRPCProcedure } from "@trpc/server";
import { appRouter } from "~/server/api/root";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** Input keys that name a tenant-owned row (`id`, `…Id`, `…Ids`); nested ones dotted (`a.b`). */
  idKeys: string[];
}

const ID_KEY = /^(id|ids|[a-z][A-Za-z]*Ids?)$/;

/** zod v4 internals, as far as this walk needs them. */
interface ZodDef {
  type?: string;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  options?: unknown[];
  left?: unknown;
  right?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
  getter?: () => unknown;
}
const defOf = (schema: unknown): ZodDef | undefined => (schema as { _zod?: { def?: ZodDef } } | null)?._zod?.def;

/**
 * The object keys a schema accepts, looking through the wrappers that hide them from `.shape`:
 * `.optional()`, `.nullable()`, `.default()`, `.readonly()`, `.catch()`, pipes and transforms,
 * unions and intersections. Keys of nested objects (and of arrays' elements) come back dotted.
 * A `z.custom` parser (FormData uploads) has no keys to see: such procedures are listed by hand.
 */
export function schemaKeys(schema: unknown, prefix = "", depth = 0): string[] {
  const def = defOf(schema);
  if (!def || depth > 8) return [];
  const next = (s: unknown) => schemaKeys(s, prefix, depth + 1);
  switch (def.type) {
    case "object": {
      const keys: string[] = [];
      for (const [key, value] of Object.entries(def.shape ?? {})) {
        keys.push(prefix + key);
        keys.push(...schemaKeys(value, `${prefix}${key}.`, depth + 1));
      }
      return keys;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return next(def.innerType);
    case "pipe":
      return [...next(def.in), ...next(def.out)];
    case "union":
      return (def.options ?? []).flatMap(next);
    case "intersection":
      return [...next(def.left), ...next(def.right)];
    case "array":
      return next(def.element);
    case "lazy":
      return def.getter ? next(def.getter()) : [];
    default:
      return [];
  }
}

const idKeysOf = (proc: AnyTRPCProcedure): string[] => {
  const inputs = (proc._def as { inputs?: unknown[] }).inputs ?? [];
  const keys = inputs.flatMap((schema) => schemaKeys(schema));
  return [...new Set(keys.filter((k) => ID_KEY.test(k.split(".").at(-1)!)))];
};

/** Every procedure of the app router, flattened to dotted paths. */
export function listProcedures(): ProcedureInfo[] {
  const procs = (appRouter._def as unknown as { procedures: Record<string, AnyTRPCProcedure> }).procedures;
  return Object.entries(procs).map(([path, proc]) => ({ path, type: proc._def.type, idKeys: idKeysOf(proc) }));
}
