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

/**
 * Builds many context sides with one shared object shape: each gets every field seen in the list,
 * absent ones as `undefined` — which json-logic-js's `var` (and so every allowed operator) treats
 * exactly like an absent key. Uniform objects keep property reads in generated code monomorphic;
 * rows whose missing fields differ would otherwise each have their own hidden class.
 */
function uniformContexts<T>(rows: readonly T[], parts: (row: T) => Record<string, unknown>[], key: (row: T) => string): Record<string, unknown>[] {
  const fields: string[] = [];
  const seen = new Set<string>(["key"]);
  let inherited = false;
  for (const row of rows) {
    for (const part of parts(row)) {
      for (const k of Object.keys(part)) {
        if (seen.has(k)) continue;
        seen.add(k);
        // Names an object inherits ("constructor", "__proto__", ...) read differently when absent
        // than when present-but-undefined, so they are only ever set on rows that have them.
        if (k in Object.prototype) inherited = true;
        else fields.push(k);
      }
    }
  }
  const build = shapedBuilder(fields);
  return rows.map((row) => {
    const [first, second] = parts(row);
    // Later parts win, as in `{ ...dims, ...attrs }`.
    const ctx = build(second ?? first!, second ? first! : EMPTY, key(row));
    if (inherited) {
      for (const part of [first, second]) {
        for (const k of Object.keys(part ?? EMPTY)) {
          if (k !== "key" && k in Object.prototype) Object.defineProperty(ctx, k, { value: part![k], enumerable: true, writable: true, configurable: true });
        }
      }
    }
    return ctx;
  });
}

const EMPTY: Record<string, unknown> = {};

type Builder = (own: Record<string, unknown>, fallback: Record<string, unknown>, key: string) => Record<string, unknown>;

/**
 * A function that builds `{ ...fallback, ...own, key }` restricted to `fields` (none of them names
 * an object inherits), every field always present. Generated as one object literal (one hidden
 * class, no per-field stores); plain code where code generation is unavailable.
 */
function shapedBuilder(fields: string[]): Builder {
  const own = (obj: string, q: string) => `Object.prototype.hasOwnProperty.call(${obj}, ${q})`;
  const props = fields.map((k) => {
    const q = JSON.stringify(k);
    return `${q}: (f === E ? a[${q}] : ${own("a", q)} ? a[${q}] : f[${q}])`;
  });
  try {
    const factory = new Function("E", `"use strict"; return (a, f, key) => ({ ${[...props, "key"].join(", ")} });`) as (e: unknown) => Builder;
    return factory(EMPTY);
  } catch {
    return (a, f, key) => {
      const out: Record<string, unknown> = {};
      for (const k of fields) out[k] = Object.hasOwn(a, k) ? a[k] : f[k];
      out.key = key;
      return out;
    };
  }
}

/** `sourceContext` for many rows at once, with a shared shape (see `uniformContexts`). */
export function sourceContexts(sources: readonly SourceRecord[]): Record<string, unknown>[] {
  return uniformContexts(sources, (s) => [s.dims, s.attrs], (s) => s.key);
}

/** `targetContext` for many rows at once, with a shared shape (see `uniformContexts`). */
export function targetContexts(targets: readonly TargetRecord[]): Record<string, unknown>[] {
  return uniformContexts(targets, (t) => [t.attrs], (t) => t.key);
}

/**
 * `targetContexts` remembered per list of targets (the server hands the engine its cached lists):
 * repeated selections over one list reuse the contexts, and with them the kernels' target columns
 * (batch.ts). A list and its records must not change once given to the engine.
 */
const contextsByList = new WeakMap<readonly TargetRecord[], Record<string, unknown>[]>();

export function cachedTargetContexts(targets: readonly TargetRecord[]): Record<string, unknown>[] {
  let contexts = contextsByList.get(targets);
  if (!contexts) contextsByList.set(targets, (contexts = targetContexts(targets)));
  return contexts;
}
