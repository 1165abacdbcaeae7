/**
 * Bad input at the procedure level (fast-check): schema definitions, rules, every public
 * procedure (through the caller and over HTTP through the fetch adapter) and imports. The
 * property everywhere: the answer is a success or a client error (BAD_REQUEST, NOT_FOUND, …),
 * never INTERNAL_SERVER_ERROR, and a refused write stores nothing.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { listProcedures } from "~/server/api/isolation/procedures";
import { featureRules } from "~/server/db/schema";
import { createMemoryRateLimiter } from "~/server/ratelimit";
import { setPublicRateLimiter } from "~/server/test-support";
import { snapshotDataset } from "~/server/catalog/test-fixtures";
import { seedExamplePage, sourceCsv, targetCsv } from "~/server/pages/testing/fixtures";
import { contextFor, createTestOrg, publicCaller, testDb, uid, type TestOrg } from "~/test/helpers";
import { call, Figures, settle, type Outcome } from "./harness.test-support";

const figures = new Figures();
afterAll(() => figures.print("bad input (fast-check)"));

/** Codes a client may get for bad input; INTERNAL_SERVER_ERROR is never one of them. */
const CLIENT_ERRORS: Outcome[] = ["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "CONFLICT", "PAYLOAD_TOO_LARGE", "UNPROCESSABLE_CONTENT"];

function expectClientOutcome(code: Outcome, what: string, detail: () => string) {
  if (code !== "OK" && !CLIENT_ERRORS.includes(code)) throw new Error(`${what} answered ${code}: ${detail().slice(0, 600)}`);
}

announceFuzz(import.meta.url);

/* ── Arbitraries ────────────────────────────────────────────────────────────────────────── */

/** Strings that tend to break things: unicode edge cases, control characters, prototype names. */
const nastyString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    "", " ", "\u0000", "\uFFFF", "\uD800", "\uDC00x", "e\u0301", "😀", "👩‍👩‍👧", "\u202Eevil", "ＡＢＣ", "İ", "ß", "\r\n", "\t",
    "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "key", "id", "source", "target",
    "<script>alert(1)</script>", "'; DROP TABLE pages; --", "%00", "../../etc/passwd", "=cmd()", "${x}", "a".repeat(300),
  ),
);

/** JSON with keys and strings from `nastyString`, and `__proto__` own keys (as JSON.parse makes them). */
const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    nastyString,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(nastyString, tie("v"), { maxKeys: 4 }),
    tie("v").map((inner) => JSON.parse(`{"__proto__": ${JSON.stringify(inner) ?? "null"}, "x": 1}`) as unknown),
  ),
})).v;

/* ── Schema definitions ─────────────────────────────────────────────────────────────────── */

const fieldName = fc.oneof(
  fc.constantFrom("id", "name", "vendor", "family", "ram_gb", "_x", "A1", "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "key", "1x", "a-b", "", "x".repeat(65), "naïve"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/),
);
const field = fc.record(
  {
    name: fieldName,
    type: fc.oneof(fc.constantFrom("string", "number", "boolean", "enum"), nastyString),
    required: fc.oneof(fc.boolean(), nastyJson),
    options: fc.oneof(fc.array(nastyString, { maxLength: 5 }), fc.array(fc.constantFrom("a", "b", "a"), { maxLength: 4 }), nastyJson),
    label: nastyString,
  },
  { requiredKeys: ["name", "type"] },
);
const structuredSchema = fc
  .record({
    fields: fc.array(field, { maxLength: 8 }),
    dims: fc.array(fc.oneof(fieldName, nastyString), { maxLength: 4 }),
    keyField: fc.option(fieldName, { nil: undefined }),
    labelField: fc.option(fieldName, { nil: undefined }),
    idFirst: fc.boolean(),
    extra: fc.option(fc.dictionary(nastyString, nastyJson, { maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ fields, dims, keyField, labelField, idFirst, extra }) => {
    const all = idFirst ? [{ name: "id", type: "string", required: true }, ...fields] : fields;
    return { ...extra, fields: all, dimensions: dims, ...(keyField ? { keyField } : {}), ...(labelField ? { labelField } : {}) };
  });

/** Mostly-valid schemas: the identifier-shaped names include the prototype-ish ones. */
const identifier = fc.oneof(
  fc.constantFrom("name", "vendor", "family", "ram_gb", "_x", "A1", "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "prototype", "__defineGetter__", "isPrototypeOf"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((n) => n !== "key" && n !== "id"),
);
const optionText = nastyString.filter((o) => o.length > 0 && o.length <= 255);
const validishField = fc.oneof(
  fc.record({ name: identifier, type: fc.constantFrom("string", "number", "boolean"), required: fc.boolean() }),
  fc.record({ name: identifier, type: fc.constant("enum"), required: fc.boolean(), options: fc.uniqueArray(optionText, { minLength: 1, maxLength: 5 }) }),
);
const validishSchema = fc
  .tuple(fc.uniqueArray(validishField, { selector: (f) => f.name, maxLength: 7 }), fc.array(fc.nat(), { maxLength: 3 }), fc.option(fc.nat(), { nil: undefined }))
  .map(([fields, dimPicks, labelPick]) => {
    const all = [{ name: "id", type: "string", required: true }, ...fields];
    const dimensional = all.filter((f) => f.type === "string" || f.type === "enum").map((f) => f.name);
    const dimensions = [...new Set(dimPicks.map((i) => dimensional[i % dimensional.length]!))];
    return { fields: all, dimensions, ...(labelPick === undefined ? {} : { labelField: all[labelPick % all.length]!.name }) };
  });

/** A valid value of each field, for the round trip of an accepted schema. */
function sampleRow(schema: { fields: { name: string; type: string; options?: string[] }[] }) {
  const row: Record<string, unknown> = {};
  for (const f of schema.fields) {
    row[f.name] = f.type === "number" ? 7 : f.type === "boolean" ? true : f.type === "enum" ? f.options![0] : `v-${f.name}`;
  }
  return row;
}

describe("sources/targets.definitions.create with arbitrary JSON", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "enterprise" });
  });

  it("answers success or BAD_REQUEST/FORBIDDEN, never a 500; an accepted schema stores and reads back every field", async () => {
    let n = 0;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: validishSchema, weight: 4 }, { arbitrary: structuredSchema, weight: 2 }, { arbitrary: nastyJson, weight: 1 }), fc.constantFrom("sources" as const, "targets" as const), async (schema, side) => {
        const router = org.caller[side];
        const res = await settle(router.definitions.create({ slug: `fz-${++n}-${uid()}`, name: "fuzz", schema }));
        figures.add("definitions.create cases");
        expectClientOutcome(res.ok ? "OK" : res.code, "definitions.create", () => JSON.stringify(schema) ?? "");
        if (!res.ok) {
          figures.add(`definitions.create → ${res.code}`);
          return;
        }
        figures.add("definitions.create → OK");
        // Accepted: a row with every field must import and read back with every value.
        const def = res.value;
        const ds = await router.datasets.create({ definitionId: def.id, name: "fz" });
        const row = sampleRow(def.schema);
        const run = await router.datasets.import({ datasetId: ds.id, format: "json", content: JSON.stringify([row]), wait: true });
        if (run.import?.status !== "completed") {
          problems.push(`accepted schema ${JSON.stringify(def.schema)} could not import ${JSON.stringify(row)}: ${run.import?.error ?? JSON.stringify(run.import?.errors)}`);
          return;
        }
        const [stored] = (await router.datasets.rows({ datasetId: ds.id })).items;
        const dims = (stored as { dims?: Record<string, unknown> }).dims ?? {};
        const lost = def.schema.fields
          .map((f) => f.name)
          .filter((name) => !Object.prototype.hasOwnProperty.call(stored!.attrs, name) && !Object.prototype.hasOwnProperty.call(dims, name));
        if (lost.length > 0) problems.push(`fields ${JSON.stringify(lost)} of accepted schema ${JSON.stringify(def.schema)} were silently dropped on import of ${JSON.stringify(row)}: ${JSON.stringify(stored)}`);
        figures.add("accepted schemas round-tripped through an import");
      }),
      fuzz(240),
    );
    expect([...new Set(problems)]).toEqual([]);
  }, 240_000);
});

/* ── Rules ──────────────────────────────────────────────────────────────────────────────── */

const ops = ["==", "===", "!=", "!==", "!", "!!", "and", "or", "if", "<", "<=", ">", ">=", "in", "var", "missing", "some", "all", "none", "max", "min", "+", "-", "*", "/", "%", "cat", "substr", "merge", "map", "filter", "reduce", "log", "method", "__proto__", "constructor", "eval", "💥"];
const vars = ["source.needsStreaming", "source.needsToolCalling", "source.clientType", "source.key", "target.provider", "target.supportsStreaming", "target.maxTokens", "target.key", "source.__proto__", "target.constructor", "source", "", "a.b.c", "source.missing", "target.__proto__.polluted"];

const logicTree: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...vars).map((v) => ({ var: v })),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), nastyString, fc.double()),
    fc.record({ op: fc.constantFrom(...ops), args: fc.array(tie("node"), { maxLength: 3 }) }).map(({ op, args }) => ({ [op]: args })),
    fc.record({ op: fc.constantFrom(...ops), arg: tie("node") }).map(({ op, arg }) => ({ [op]: arg })),
    fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...ops), tie("node")).map(([a, b, x]) => ({ [a]: [x], [b]: [x] })),
  ),
})).node;

const deep = fc.tuple(fc.integer({ min: 20, max: 400 }), fc.constantFrom("!", "and", "or", "if")).map(([depth, op]) => {
  let v: unknown = { var: "source.needsStreaming" };
  for (let i = 0; i < depth; i++) v = op === "!" ? { "!": [v] } : { [op]: [v, true] };
  return v;
});
const hugeArray = fc.tuple(fc.integer({ min: 1_000, max: 30_000 }), fc.constantFrom("ints", "strings", "nested")).map(([n, kind]) => ({
  in: [{ var: "target.provider" }, Array.from({ length: n }, (_, i) => (kind === "ints" ? i : kind === "strings" ? `p-${i}-ü😀` : [i]))],
}));
const protoLogic = fc.constantFrom(
  JSON.parse('{"__proto__": {"==": [1, 1]}}') as unknown,
  JSON.parse('{"==": [{"var": "source.__proto__"}, true]}') as unknown,
  JSON.parse('{"==": [{"var": "target.__proto__.polluted"}, 1], "__proto__": {"polluted": 1}}') as unknown,
  JSON.parse('{"constructor": [{"var": "target.provider"}]}') as unknown,
  JSON.parse('{"var": ["target.provider", {"__proto__": 1}]}') as unknown,
);
const anyLogic = fc.oneof(logicTree, logicTree, nastyJson, deep, hugeArray, protoLogic, fc.constant(undefined));

describe("rules.validate / rules.create / rules.update with arbitrary JSON", () => {
  let org: TestOrg;
  let pageId: number;
  let ruleId: number;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
    const seeded = await seedExamplePage(org);
    pageId = seeded.page.id;
    ruleId = seeded.rules[0]!.id;
  });

  const ruleCount = async () =>
    Number((await testDb().select({ n: count() }).from(featureRules).where(and(eq(featureRules.organizationId, org.session.org.id), eq(featureRules.pageId, pageId))))[0]!.n);

  it("never a 500; validate and create agree; a refused rule is never stored and a refused update changes nothing", async () => {
    const problems: string[] = [];
    const base = await ruleCount();
    await fc.assert(
      fc.asyncProperty(anyLogic, nastyString, async (logic, name) => {
        const show = () => (JSON.stringify(logic) ?? String(logic)).slice(0, 300);
        const validated = await settle(org.caller.rules.validate({ pageId, logic }));
        const created = await settle(org.caller.rules.create({ pageId, name: name.trim() ? name : "r", required: false, weight: 1, logic }));
        const before = await org.caller.rules.list({ pageId });
        const updated = await settle(org.caller.rules.update({ id: ruleId, logic }));
        figures.add("rule cases (validate + create + update each)");
        for (const [what, r] of [["rules.validate", validated], ["rules.create", created], ["rules.update", updated]] as const) {
          expectClientOutcome(r.ok ? "OK" : r.code, what, show);
        }
        const valid = validated.ok && validated.value.ok;
        if (created.ok) {
          figures.add("rules accepted");
          if (!valid) problems.push(`create accepted what validate refused: ${show()}`);
          await org.caller.rules.delete({ id: created.value.id });
        } else {
          figures.add("rules refused");
          // A blank or over-long name is refused by the input schema; everything else must match validate.
          if (valid && name.trim() && name.trim().length <= 255) problems.push(`validate accepted what create refused (${created.code} ${created.error.message}): ${show()}`);
        }
        if (!updated.ok) {
          const after = await org.caller.rules.list({ pageId });
          if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`a refused update changed the rules: ${show()}`);
        } else {
          await org.caller.rules.update({ id: ruleId, logic: { "==": [{ var: "source.needsStreaming" }, false] } });
        }
        if ((await ruleCount()) !== base) problems.push(`rule count moved after ${show()}`);
      }),
      fuzz(220),
    );
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 240_000);
});

/* ── Public procedures ──────────────────────────────────────────────────────────────────── */

const publicPaths = listProcedures()
  .filter((p) => p.path.startsWith("public."))
  .map((p) => p.path);

describe("every public procedure with arbitrary input", () => {
  let org: TestOrg;
  let slug: string;
  beforeAll(async () => {
    // A generous limiter: this is about input, not about rate limits.
    setPublicRateLimiter(createMemoryRateLimiter(1_000_000, 60_000));
    org = await createTestOrg({ tier: "team" });
    slug = "fz-finder";
    const seeded = await seedExamplePage(org, { slug });
    await org.caller.pages.publish({ pageId: seeded.page.id });
    const matrix = await seedExamplePage(org, { slug: "fz-matrix", template: "matrix" });
    await org.caller.pages.publish({ pageId: matrix.page.id });
  });
  afterAll(() => setPublicRateLimiter(null));

  const slugArb = () => fc.oneof(fc.constantFrom("fz-finder", "fz-matrix", "FZ-FINDER", "fz-finder ", "fz-finder/../x"), nastyString, fc.string({ minLength: 60, maxLength: 300 }));
  const pathArb = fc.oneof(
    fc.array(fc.constantFrom("web", "desktop", "mobile", "backend", "t3chat", "batch"), { maxLength: 3 }),
    fc.array(nastyString, { maxLength: 12 }),
    fc.array(fc.string({ minLength: 200, maxLength: 400 }), { maxLength: 3 }),
    nastyJson,
  );
  const numArb = fc.oneof(fc.integer({ min: -5, max: 12 }), fc.integer(), fc.double(), fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, Infinity, NaN), nastyString, fc.constant(null));
  const inputArb = fc.oneof(
    fc.record({ slug: slugArb(), level: numArb, path: pathArb, page: numArb, rowOffset: numArb, rowLimit: numArb }, { requiredKeys: ["slug"] }),
    fc.record({ slug: fc.constantFrom("fz-finder", "fz-matrix"), level: fc.integer({ min: -1, max: 11 }), path: pathArb, page: fc.integer({ min: -1, max: 200_000 }), rowOffset: fc.integer({ min: -1, max: 20_000_000 }), rowLimit: fc.integer({ min: -1, max: 500 }) }),
    nastyJson,
    fc.anything(),
  );

  it("through the caller: success, NOT_FOUND or BAD_REQUEST only", async () => {
    const visitor = publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...publicPaths), inputArb, async (path, input) => {
        const r = await settle(call(visitor, path, input));
        const code = r.ok ? "OK" : r.code;
        seen.add(`${path}:${code}`);
        figures.add("public procedure cases (caller)");
        expect(["OK", "NOT_FOUND", "BAD_REQUEST"], `${path} ${JSON.stringify(input)?.slice(0, 300)} → ${code} ${r.ok ? "" : r.error.message}`).toContain(code);
      }),
      fuzz(600),
    );
    // The generator reached real answers too, not only refusals.
    expect([...seen].some((s) => s.endsWith(":OK"))).toBe(true);
  }, 240_000);

  it("over HTTP (fetch adapter, raw query strings and bodies): 200, 400, 404 or 405 — never 5xx", async () => {
    const tenant = { by: "slug" as const, value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` };
    const statuses = new Map<number, number>();
    const rawInput = fc.oneof(
      inputArb.map((v) => JSON.stringify({ json: v }) ?? "null"),
      nastyJson.map((v) => JSON.stringify(v) ?? "x"),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.constantFrom("{", '{"json":', '{"json":{"slug":"fz-finder"},"meta":{"values":{"slug":["Date"]}}}', '{"json":{"slug":"fz-finder"},"meta":{"values":{"__proto__":["map"]}}}', '{"0":{"json":{"slug":"fz-finder"}}}', "%", "%E0%A4%A", "null"),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...publicPaths), rawInput, fc.boolean(), fc.constantFrom("GET", "GET", "GET", "GET", "GET", "POST"), async (path, raw, batch, method) => {
        const endpoint = `http://localhost/api/trpc/${path}${batch ? ",public.page" : ""}`;
        const body = batch ? `{"0":${raw.startsWith("{") ? raw : JSON.stringify(raw)},"1":{"json":{"slug":"fz-finder"}}}` : raw;
        const url = method === "GET" ? `${endpoint}?${batch ? "batch=1&" : ""}input=${encodeURIComponent(body)}` : `${endpoint}${batch ? "?batch=1" : ""}`;
        const res = await fetchRequestHandler({
          endpoint: "/api/trpc",
          req: new Request(url, method === "GET" ? {} : { method, headers: { "content-type": "application/json" }, body }),
          router: appRouter,
          createContext: () => contextFor(null, { tenant, clientIp: "198.51.100.9" }),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        figures.add("public procedure cases (HTTP)");
        const text = await res.text();
        expect(res.status, `${method} ${path} ${url.slice(0, 200)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(text, "no stack traces to clients").not.toMatch(/"stack"\s*:\s*"/);
      }),
      fuzz(300),
    );
    for (const [status, n] of statuses) figures.add(`HTTP status ${status}`, n);
  }, 240_000);
});

/* ── Imports through the procedure ──────────────────────────────────────────────────────── */

describe("datasets.import with garbage through the procedure", () => {
  let org: TestOrg;
  let other: TestOrg;
  let ids: { sources: number; targets: number; foreign: number };
  const baseline = { sources: sourceCsv, targets: targetCsv };

  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
    other = await createTestOrg({ tier: "team" });
    const mine = await seedExamplePage(org);
    const theirs = await seedExamplePage(other);
    ids = { sources: mine.sourceDatasetId, targets: mine.targetDatasetId, foreign: theirs.sourceDatasetId };
  });

  const csvCell = fc.oneof(nastyString, fc.constantFrom("", '"', '""', ",", "\n", "1e309", "NaN", "yes", "TRUE", "web", "openai", "true", "false"));
  const csvText = fc.oneof(
    fc.array(fc.array(csvCell, { maxLength: 8 }), { maxLength: 15 }).map((rows) => rows.map((r) => r.join(",")).join("\n")),
    fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 10 }).map((rows) => ["id,name,clientType,needsStreaming,needsToolCalling", ...rows.map((r) => r.join(","))].join("\n")),
    fc.array(fc.array(csvCell, { maxLength: 6 }), { maxLength: 10 }).map((rows) => ["id,displayName,provider,supportsStreaming,supportsToolCalling", ...rows.map((r) => r.join(","))].join("\n")),
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.integer({ min: 1, max: 300_000 }).map((n) => `id,name\n${"x".repeat(n)},y`),
  );
  const jsonText = fc.oneof(nastyJson.map((v) => JSON.stringify(v) ?? ""), fc.array(nastyJson, { maxLength: 6 }).map((a) => JSON.stringify(a)), fc.string({ maxLength: 200 }));
  /** Mostly well-formed envelopes (so the garbage reaches the parser), sometimes not. */
  const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 15 }, { arbitrary: bad, weight: 1 });
  const scriptInput = fc.record(
    {
      datasetId: mostly(fc.constantFrom("mine", "mine", "mine", "sources", "targets", "foreign"), fc.oneof(fc.integer(), nastyJson)),
      format: mostly(fc.constantFrom("csv", "json"), nastyString),
      content: mostly(fc.oneof(csvText, csvText, jsonText), nastyJson),
      mode: mostly(fc.constantFrom("upsert", "replace"), nastyString),
      onError: mostly(fc.constantFrom("abort", "abort", "skip"), nastyString),
      mapping: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 5 },
        { arbitrary: fc.dictionary(nastyString, fc.oneof(fc.constantFrom("id", "name", "provider", "nope", "__proto__"), fc.constant(null)), { maxKeys: 4 }), weight: 1 },
        { arbitrary: nastyJson, weight: 1 },
      ),
      fileName: mostly(fc.constantFrom("a.csv", "data.json", "ü😀.csv"), fc.oneof(nastyString, nastyJson)),
    },
    { requiredKeys: ["datasetId", "format", "content"] },
  );
  const formInput = fc.record({
    datasetId: mostly(fc.constantFrom("mine", "mine", "sources", "targets", "foreign"), nastyString),
    bytes: fc.oneof(fc.uint8Array({ maxLength: 400 }), csvText.map((t) => new TextEncoder().encode(t))),
    fileName: fc.oneof(fc.constantFrom("a.csv", "a.json", "a.ndjson", ""), nastyString),
    format: fc.option(mostly(fc.constantFrom("csv", "json"), nastyString), { nil: undefined }),
    mode: fc.option(mostly(fc.constantFrom("upsert", "replace"), nastyString), { nil: undefined }),
    onError: fc.option(mostly(fc.constantFrom("abort", "skip"), nastyString), { nil: undefined }),
    mapping: fc.option(fc.oneof(nastyString, nastyJson.map((v) => JSON.stringify(v) ?? "")), { nil: undefined, freq: 4 }),
    fileAsString: fc.boolean().map((b) => b && Math.random() < 0.2),
  });

  const resolveId = (v: unknown, side: "sources" | "targets") => (v === "mine" ? ids[side] : v === "sources" || v === "targets" ? ids[v] : v === "foreign" ? ids.foreign : v);

  it("never a 500, never a stuck import, and an aborted import leaves the dataset as it was", async () => {
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("sources" as const, "targets" as const), fc.oneof({ arbitrary: scriptInput, weight: 5 }, { arbitrary: formInput, weight: 3 }, { arbitrary: fc.anything(), weight: 1 }), async (side, raw) => {
        const datasetId = side === "sources" ? ids.sources : ids.targets;
        const before = await snapshotDataset(testDb(), org.session.org.id, side === "sources" ? "source" : "target", datasetId);
        let input: unknown = raw;
        let describeInput = () => JSON.stringify(raw)?.slice(0, 300) ?? String(raw);
        if (raw && typeof raw === "object" && "bytes" in raw) {
          const f = raw as { datasetId: unknown; bytes: Uint8Array; fileName: string; format?: string; mode?: string; onError?: string; mapping?: string; fileAsString: boolean };
          const fd = new FormData();
          fd.set("datasetId", String(resolveId(f.datasetId, side)));
          if (f.fileAsString) fd.set("file", new TextDecoder().decode(f.bytes));
          else fd.set("file", new File([f.bytes as BlobPart], f.fileName, { type: "text/plain" }));
          for (const k of ["format", "mode", "onError", "mapping"] as const) if (f[k] !== undefined) fd.set(k, f[k]!);
          fd.set("wait", "true");
          input = fd;
          describeInput = () => `FormData(${f.fileName}, ${f.bytes.length} bytes, ${JSON.stringify({ ...f, bytes: undefined })})`;
        } else if (raw && typeof raw === "object" && "content" in raw) {
          input = { ...(raw as object), datasetId: resolveId((raw as unknown as { datasetId: unknown }).datasetId, side), wait: true };
        }
        const r = await settle(org.caller[side].datasets.import(input as never));
        figures.add("import cases");
        expectClientOutcome(r.ok ? "OK" : r.code, "datasets.import", describeInput);
        figures.add(`import → ${r.ok ? `OK/${r.value.import?.status ?? "background"}` : r.code}`);
        if (!r.ok) {
          if (JSON.stringify(await snapshotDataset(testDb(), org.session.org.id, side === "sources" ? "source" : "target", datasetId)) !== JSON.stringify(before)) {
            problems.push(`a refused import changed the dataset: ${describeInput()}`);
          }
          return;
        }
        const view = r.value.import;
        if (!view) return; // another side's dataset id of this org ran in the background; nothing to assert here
        if (view.status !== "completed" && view.status !== "failed") problems.push(`import left ${view.status}: ${describeInput()}`);
        if (view.status === "failed" && !view.error) problems.push(`failed import without a reason: ${describeInput()}`);
        if (view.datasetId === datasetId) {
          const after = await snapshotDataset(testDb(), org.session.org.id, side === "sources" ? "source" : "target", datasetId);
          if (view.status === "failed" && JSON.stringify(after) !== JSON.stringify(before)) problems.push(`a failed import changed the dataset: ${describeInput()}`);
          if (view.status === "completed" && view.changed) {
            const back = await org.caller[side].datasets.import({ datasetId, format: "csv", content: baseline[side], mode: "replace", wait: true });
            if (back.import?.status !== "completed") problems.push(`could not restore the baseline: ${back.import?.error}`);
          }
        }
      }),
      fuzz(260),
    );
    expect(problems).toEqual([]);
    // The other organization's dataset was never touched by any of it.
    expect((await other.caller.sources.datasets.get({ id: ids.foreign })).version).toBe(1);
  }, 300_000);
});

/* ── Every procedure with minimal inputs (generated from the router) ────────────────────── */

describe("every procedure, called by an admin with minimal inputs", () => {
  it("never answers INTERNAL_SERVER_ERROR: undefined, {}, only its own ids, ids of the wrong type", async () => {
    const org = await createTestOrg({ tier: "team" });
    const seeded = await seedExamplePage(org, { slug: "minimal" });
    await org.caller.pages.publish({ pageId: seeded.page.id });
    const override = await org.caller.overrides.upsert({ pageId: seeded.page.id, sourceKey: null, targetKey: "gpt41", verdict: 1, note: null });
    const key = await org.caller.org.apiKeys.create({ name: "k" });
    const idFor = async (path: string, k: string): Promise<number | string> => {
      if (k === "organizationId") return org.session.org.id; // auth.devSignIn: picks an organization by design
      const side = path.startsWith("targets.") ? "targets" : "sources";
      const datasetId = side === "sources" ? seeded.sourceDatasetId : seeded.targetDatasetId;
      if (k === "pageId") return seeded.page.id;
      if (k === "datasetId") return datasetId;
      if (k === "definitionId") return (await org.caller[side].datasets.get({ id: datasetId })).definitionId;
      if (k === "sourceDatasetId") return seeded.sourceDatasetId;
      if (k === "targetDatasetId") return seeded.targetDatasetId;
      if (k === "ruleIds") return seeded.rules[0]!.id;
      if (k === "copyFromPageId") return seeded.page.id;
      if (k !== "id") throw new Error(`teach idFor about ${path}.${k}`);
      if (path.startsWith("rules.")) return seeded.rules[0]!.id;
      if (path.startsWith("overrides.")) return override.id;
      if (path.startsWith("org.apiKeys.")) return key.id;
      if (path.startsWith("pages.")) return seeded.page.id;
      if (path.includes(".definitions.")) return (await org.caller[side].datasets.get({ id: datasetId })).definitionId;
      if (path.includes(".imports.")) return (await org.caller[side].imports.list({ datasetId }))[0]!.id;
      return datasetId;
    };
    // Deletes last, so the rest still finds its rows.
    const all = listProcedures().sort((a, b) => Number(a.path.endsWith(".delete")) - Number(b.path.endsWith(".delete")));
    const publicCtx = { tenant: { by: "slug" as const, value: org.session.org.slug, basePath: "/x" } };
    const caller = (await import("~/server/api/root")).createCaller(contextFor(org.session, publicCtx));
    const failures: string[] = [];
    for (const p of all) {
      const own: Record<string, unknown> = {};
      for (const k of p.idKeys) own[k] = k.endsWith("Ids") ? [await idFor(p.path, k)] : await idFor(p.path, k);
      const wrongType = Object.fromEntries(p.idKeys.map((k) => [k, "1"]));
      for (const input of [undefined, {}, own, wrongType, { ...own, slug: "minimal" }]) {
        const r = await settle(call(caller, p.path, input));
        figures.add("minimal-input calls over every procedure");
        if (!r.ok && r.code === "INTERNAL_SERVER_ERROR") failures.push(`${p.path}(${JSON.stringify(input)}): ${r.error.message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

/* ── Regressions the fuzz found (each was an INTERNAL_SERVER_ERROR) ─────────────────────── */

describe("regressions found by the fuzz", () => {
  let org: TestOrg;
  let seeded: Awaited<ReturnType<typeof seedExamplePage>>;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
    seeded = await seedExamplePage(org, { slug: "regressions" });
  });

  it("an update with only { id } is a no-op, not a 500 (pages.update, rules.update)", async () => {
    await expect(org.caller.pages.update({ id: seeded.page.id })).resolves.toMatchObject({ id: seeded.page.id, slug: "regressions" });
    await expect(org.caller.rules.update({ id: seeded.rules[0]!.id })).resolves.toMatchObject({ id: seeded.rules[0]!.id, name: "Streaming Support" });
  });

  it("a rule whose logic is a JSON string is stored and read back as that string (and the page keeps working)", async () => {
    for (const logic of ["abc", "123", "true", "", '{"a":1}', "\"quoted\""]) {
      const rule = await org.caller.rules.create({ pageId: seeded.page.id, name: `string ${logic}`, logic });
      expect(rule.logic).toBe(logic);
      const listed = (await org.caller.rules.list({ pageId: seeded.page.id })).find((r) => r.id === rule.id);
      expect(listed?.logic).toBe(logic);
      await org.caller.rules.delete({ id: rule.id });
    }
    await expect(org.caller.pages.publish({ pageId: seeded.page.id })).resolves.toMatchObject({ pageId: seeded.page.id });
  });

  it("a field named __proto__ is refused (its values could never be stored); enum options are trimmed like cells", async () => {
    const schema = { fields: [{ name: "id", type: "string", required: true }, { name: "__proto__", type: "string", required: true }] };
    await expect(org.caller.sources.definitions.create({ slug: `proto-${uid()}`, name: "p", schema })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const def = await org.caller.targets.definitions.create({
      slug: `trim-${uid()}`,
      name: "t",
      schema: { fields: [{ name: "id", type: "string", required: true }, { name: "tier", type: "enum", required: true, options: [" gold ", "silver\t"] }] },
    });
    expect(def.schema.fields[1]!.options).toEqual(["gold", "silver"]);
    const ds = await org.caller.targets.datasets.create({ definitionId: def.id, name: "t" });
    const run = await org.caller.targets.datasets.import({ datasetId: ds.id, format: "csv", content: "id,tier\na, gold \nb,SILVER", wait: true });
    expect(run.import).toMatchObject({ status: "completed", stats: { inserted: 2 } });
    await expect(
      org.caller.targets.definitions.create({ slug: `blank-${uid()}`, name: "t", schema: { fields: [{ name: "id", type: "string", required: true }, { name: "e", type: "enum", options: ["a", " a"] }] } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("rule logic null is refused as missing (it was stored as SQL NULL in a NOT NULL column: 500)", async () => {
    for (const call of [
      () => org.caller.rules.create({ pageId: seeded.page.id, name: "null", logic: null }),
      () => org.caller.rules.update({ id: seeded.rules[0]!.id, logic: null }),
      () => org.caller.rules.validate({ pageId: seeded.page.id, logic: null }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });

  it("text with lone UTF-16 surrogates is stored with U+FFFD instead of failing the write", async () => {
    const rule = await org.caller.rules.create({ pageId: seeded.page.id, name: "lone \ud800", logic: { "==": [{ var: "target.provider" }, "\udc00x"] } });
    expect(rule.logic).toEqual({ "==": [{ var: "target.provider" }, "\ufffdx"] });
    const override = await org.caller.overrides.upsert({ pageId: seeded.page.id, sourceKey: null, targetKey: "gpt41", verdict: 1, note: "\udfff note" });
    expect(override.note).toBe("\ufffd note");
    const run = await org.caller.targets.datasets.import({ datasetId: seeded.targetDatasetId, format: "csv", content: targetCsv, fileName: "\udc00x.csv", wait: true });
    expect(run.import).toMatchObject({ status: "completed", fileName: "\ufffdx.csv" });
    // Well-formed pairs are untouched.
    const emoji = await org.caller.rules.create({ pageId: seeded.page.id, name: "😀", logic: { "==": [{ var: "target.provider" }, "😀 \\ud800"] } });
    expect(emoji.logic).toEqual({ "==": [{ var: "target.provider" }, "😀 \\ud800"] });
  });
});
