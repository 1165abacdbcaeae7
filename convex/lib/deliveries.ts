/**
 * The sync contract between the app (PlanetScale outbox) and this deployment.
 *
 * Convex validators are the single source of truth: the sync mutations use them as
 * argument validators, the HTTP action checks request bodies against them, and the
 * app imports the inferred `Delivery` type (through `src/server/sync/convex-sink.ts`).
 */
import { v, type Infer, type Validator } from "convex/values";

export const templateValidator = v.union(v.literal("finder"), v.literal("matrix"));

/** `label`: the enum option's label from the source schema, when it has one (docs/plain-language.md). */
export const optionValueValidator = v.object({ value: v.string(), count: v.number(), label: v.optional(v.string()) });

/** What a public page needs to render itself; stored as `pageDisplays`. */
export const pageDisplayData = v.object({
  slug: v.string(),
  name: v.string(),
  template: templateValidator,
  dimensions: v.array(v.object({ name: v.string(), label: v.string() })),
  messaging: v.object({ headline2: v.string(), headline1: v.string(), headline0: v.string() }),
  /** Dataset versions the revision currently reads; they are part of every result cache key. */
  sourceVersion: v.number(),
  targetVersion: v.number(),
  minDepth: v.number(),
});

/**
 * The complete option set of one cascade level under one parent. Shard `i` is `shards[i]`;
 * a set without values is sent as one empty shard.
 */
export const optionShardsData = v.object({
  level: v.number(),
  parentHash: v.string(),
  /** The source dataset version the options were built from. */
  sourceVersion: v.number(),
  shards: v.array(v.object({ values: v.array(optionValueValidator) })),
});

const resultCacheFields = {
  /** Computed by the app from page, revision, dataset versions, selection hash and page number. */
  cacheKey: v.string(),
  kind: templateValidator,
  selectionHash: v.string(),
  page: v.number(),
  sourceVersion: v.number(),
  targetVersion: v.number(),
};

/** One cached page of an evaluation result, as the app sends it. */
export const resultCacheData = v.object({
  ...resultCacheFields,
  /** JSON result payload; the app keeps it under Convex's 1 MiB document limit. */
  payload: v.any(),
});

/**
 * What is stored: the payload as JSON text. Payloads carry tenant data (labels, rule
 * names) that may sit in object keys, and Convex only accepts printable-ASCII field names
 * not starting with `$`; one such key would otherwise fail the delivery forever.
 */
export const storedResultFields = { ...resultCacheFields, payloadJson: v.string() };
export const storedResult = v.object(storedResultFields);

export const pageRemoveData = v.object({});

/** Fields every delivery carries; also the shared part of each sync mutation's arguments. */
export const deliveryTarget = {
  organizationId: v.string(),
  orgSlug: v.string(),
  pageId: v.string(),
  /** The page's `revision_id` when the outbox entry was written; orders deliveries. */
  revisionId: v.number(),
};

export const dataByKind = {
  "page-display": pageDisplayData,
  "option-shards": optionShardsData,
  "result-cache": resultCacheData,
  "page-remove": pageRemoveData,
} as const;

export type DeliveryKind = keyof typeof dataByKind;
export type PageDisplayData = Infer<typeof pageDisplayData>;
export type OptionShardsData = Infer<typeof optionShardsData>;
export type ResultCacheData = Infer<typeof resultCacheData>;
export type PageRemoveData = Infer<typeof pageRemoveData>;

const deliveryTargetObject = v.object(deliveryTarget);
type DeliveryTarget = Infer<typeof deliveryTargetObject>;

/** One outbox entry on the wire. `id` is the outbox id, used for logging only. */
export type Delivery = {
  [K in DeliveryKind]: { id: string; kind: K } & DeliveryTarget & {
      data: Infer<(typeof dataByKind)[K]>;
    };
}[DeliveryKind];

/** Most deliveries one request may carry; keeps a request well inside one HTTP action. */
export const MAX_DELIVERIES_PER_REQUEST = 500;

/** A stored result must fit one Convex document (1 MiB) with its other fields. */
export const MAX_PAYLOAD_BYTES = 1_000_000;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * Checks an untrusted JSON value against a validator. Returns the first problem as
 * `"<path>: <reason>"`, or null when the value conforms. Covers the validator kinds
 * used in this file.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks validators of any shape
export function findProblem(
  validator: Validator<any, "required" | "optional", string>,
  value: unknown,
  path: string,
): string | null {
  switch (validator.kind) {
    case "any":
      return value === undefined ? `${path}: is required` : null;
    case "string":
      return typeof value === "string" ? null : `${path}: expected a string`;
    case "float64":
      return typeof value === "number" && Number.isFinite(value) ? null : `${path}: expected a finite number`;
    case "literal":
      return value === validator.value ? null : `${path}: expected ${JSON.stringify(validator.value)}`;
    case "array": {
      if (!Array.isArray(value)) return `${path}: expected an array`;
      for (let i = 0; i < value.length; i++) {
        const problem = findProblem(validator.element, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return `${path}: expected an object`;
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(validator.fields)) {
        if (record[key] === undefined) {
          if (field.isOptional === "optional") continue;
          return `${path}.${key}: is required`;
        }
        const problem = findProblem(field, record[key], `${path}.${key}`);
        if (problem) return problem;
      }
      const extra = Object.keys(record).find((key) => !(key in validator.fields));
      return extra === undefined ? null : `${path}.${extra}: unexpected field`;
    }
    case "union":
      return validator.members.some((member) => findProblem(member, value, path) === null)
        ? null
        : `${path}: expected one of ${validator.members.map((m) => (m.kind === "literal" ? JSON.stringify(m.value) : m.kind)).join(", ")}`;
    default:
      return `${path}: unsupported validator kind ${validator.kind}`;
  }
}

const envelope = v.object({ id: v.string(), kind: v.string(), ...deliveryTarget, data: v.any() });

/**
 * Parses a request body into deliveries, or explains the first thing wrong with it.
 * Besides the shapes, ids must be non-empty and revisions and versions whole numbers.
 */
export function parseDeliveries(body: unknown): { ok: true; deliveries: Delivery[] } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { deliveries?: unknown }).deliveries)) {
    return { ok: false, error: "body: expected { deliveries: Delivery[] }" };
  }
  const list = (body as { deliveries: unknown[] }).deliveries;
  if (list.length > MAX_DELIVERIES_PER_REQUEST) {
    return { ok: false, error: `deliveries: at most ${MAX_DELIVERIES_PER_REQUEST} per request` };
  }
  for (let i = 0; i < list.length; i++) {
    const path = `deliveries[${i}]`;
    const problem = findProblem(envelope, list[i], path);
    if (problem) return { ok: false, error: problem };
    const item = list[i] as Delivery;
    if (!(item.kind in dataByKind)) {
      return { ok: false, error: `${path}.kind: expected one of ${Object.keys(dataByKind).join(", ")}` };
    }
    const dataProblem = findProblem(dataByKind[item.kind], item.data, `${path}.data`);
    if (dataProblem) return { ok: false, error: dataProblem };
    const semantic = findSemanticProblem(item);
    if (semantic) return { ok: false, error: `${path}${semantic}` };
  }
  return { ok: true, deliveries: list as Delivery[] };
}

function findSemanticProblem(item: Delivery): string | null {
  for (const key of ["id", "organizationId", "orgSlug", "pageId"] as const) {
    if (item[key] === "") return `.${key}: must not be empty`;
  }
  const wholeNumbers: [string, number][] = [["revisionId", item.revisionId]];
  if (item.kind === "page-display" || item.kind === "result-cache") {
    wholeNumbers.push(["data.sourceVersion", item.data.sourceVersion], ["data.targetVersion", item.data.targetVersion]);
  }
  if (item.kind === "option-shards") {
    wholeNumbers.push(["data.sourceVersion", item.data.sourceVersion], ["data.level", item.data.level]);
    if (item.data.shards.length === 0) return ".data.shards: send at least one (possibly empty) shard";
  }
  if (item.kind === "result-cache" && utf8Length(JSON.stringify(item.data.payload)) > MAX_PAYLOAD_BYTES) {
    // Refused here rather than failing the insert: a 400 is parked, a 500 is retried forever.
    return `.data.payload: larger than ${MAX_PAYLOAD_BYTES} bytes of JSON`;
  }
  const bad = wholeNumbers.find(([, n]) => !Number.isInteger(n) || n < 0);
  return bad ? `.${bad[0]}: expected a whole number` : null;
}
