import type { PairContext, SourceRecord, TargetRecord } from "./types";

/**
 * The source side of a pair context: dimensions, then attributes, then `key`. `key` is written
 * last so `source.key` always means the row key, even if a schema has a field named `key`.
 */
export function sourceContext(source: SourceRecord): Record<string, unknown> {
  return { ...source.dims, ...source.attrs, key: source.key };
}

/** The target side of a pair context: attributes, then `key` (see `sourceContext`). */
export function targetContext(target: TargetRecord): Record<string, unknown> {
  return { ...target.attrs, key: target.key };
}

/** The context a rule sees for one pair: `{ source: { key, ...dims, ...attrs }, target: { key, ...attrs } }`. */
export function pairContext(source: SourceRecord, target: TargetRecord): PairContext {
  return { source: sourceContext(source), target: targetContext(target) };
}

/** A target's group under `groupBy` (a target field, or `key`); null when unset or the value is missing/empty. */
export function targetGroup(target: TargetRecord, groupBy: string | null): string | null {
  if (groupBy === null) return null;
  const value = groupBy === "key" ? target.key : target.attrs[groupBy];
  if (value === null || value === undefined || value === "") return null;
  return String(value);
}
