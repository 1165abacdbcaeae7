/// <reference types="vite/client" />
/**
 * Shared by the `convex-test` suites. Files with more than one dot (this one, `*.test.ts`)
 * are neither deployed by Convex nor matched by the glob below.
 */
import { convexTest } from "convex-test";
import schema from "./schema";
import type { Delivery, OptionShardsData, PageDisplayData, ResultCacheData } from "./lib/deliveries";

// Convex deploys exactly the files with a single dot; mirror that (extglob patterns are not
// supported by Vite 8's glob, hence the negated pattern).
export const modules = import.meta.glob(["./**/*.{js,ts}", "!./**/*.*.*"]);

export function newConvex() {
  return convexTest(schema, modules);
}

export const ORG_A = { organizationId: "org_a", orgSlug: "acme" };
export const ORG_B = { organizationId: "org_b", orgSlug: "globex" };

type Target = { organizationId: string; orgSlug: string; pageId: string; revisionId: number };

export function target(org: { organizationId: string; orgSlug: string }, pageId: string, revisionId: number): Target {
  return { ...org, pageId, revisionId };
}

export function displayData(overrides: Partial<PageDisplayData> = {}): PageDisplayData {
  return {
    slug: "llm-finder",
    name: "LLM finder",
    template: "finder",
    dimensions: [
      { name: "clientType", label: "Client" },
      { name: "region", label: "Region" },
    ],
    messaging: { headline2: "Works", headline1: "Partly works", headline0: "Does not work" },
    sourceVersion: 1,
    targetVersion: 1,
    minDepth: 2,
    ...overrides,
  };
}

/** `shards` as lists of option labels; counts are the label length, to tell shards apart. */
export function shardsData(shards: string[][], overrides: Partial<OptionShardsData> = {}): OptionShardsData {
  return {
    level: 0,
    parentHash: "root",
    sourceVersion: 1,
    shards: shards.map((labels) => ({ values: labels.map((value) => ({ value, count: value.length })) })),
    ...overrides,
  };
}

/** A result as the internal mutation takes it (payload as JSON text, as `http.ts` passes it on). */
export function resultData(cacheKey: string, overrides: Partial<ResultCacheData> = {}) {
  const { payload, ...fields } = resultWire(cacheKey, overrides);
  return { ...fields, payloadJson: JSON.stringify(payload) };
}

/** A result as the app sends it over HTTP. */
export function resultWire(cacheKey: string, overrides: Partial<ResultCacheData> = {}): ResultCacheData {
  return {
    cacheKey,
    kind: "finder",
    selectionHash: "sel",
    page: 1,
    sourceVersion: 1,
    targetVersion: 1,
    payload: { verdict: 2, targets: [{ key: "gpt", verdict: 2 }], note: cacheKey },
    ...overrides,
  };
}

let nextId = 1;

/** A wire delivery, as the app's outbox drain sends it. */
export function delivery<K extends Delivery["kind"]>(
  kind: K,
  to: Target,
  data: Extract<Delivery, { kind: K }>["data"],
): Delivery {
  return { id: `outbox-${nextId++}`, kind, ...to, data } as Delivery;
}

/** The payload of a `getResult`/`getMatrixData` answer, parsed as a client would. */
export function payloadOf(answer: { payloadJson: string } | null): unknown {
  return answer === null ? null : JSON.parse(answer.payloadJson);
}
