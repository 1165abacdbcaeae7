import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { schemaJsonSchema } from "../schema-json";
import { coerceValue } from "./coerce";
import { duplicateColumn, suggestField } from "./columns";
import { ColumnMapper, normalizeMapping } from "./mapping";
import { parseRecords, type ImportFormat, type ParsedItem } from "./parse";
import { prepareRow } from "./prepare";

const f = (type: "string" | "number" | "boolean" | "enum", options?: string[]) => ({ name: "x", type, required: false, options });
const ok = (value: unknown) => ({ ok: true, value });

describe("coerceValue", () => {
  it("treats empty, blank and null as missing", () => {
    for (const raw of ["", "   ", null, undefined]) expect(coerceValue(f("number"), raw)).toEqual(ok(undefined));
  });
  it("reads booleans in six spellings, any case", () => {
    for (const t of ["true", "TRUE", "1", "yes", " Yes "]) expect(coerceValue(f("boolean"), t)).toEqual(ok(true));
    for (const t of ["false", "False", "0", "no", "NO"]) expect(coerceValue(f("boolean"), t)).toEqual(ok(false));
    expect(coerceValue(f("boolean"), true)).toEqual(ok(true));
    expect(coerceValue(f("boolean"), 0)).toEqual(ok(false));
    expect(coerceValue(f("boolean"), "y").ok).toBe(false);
    expect(coerceValue(f("boolean"), 2).ok).toBe(false);
  });
  it("reads plain decimal numbers only, trimmed and finite", () => {
    expect(coerceValue(f("number"), " 42 ")).toEqual(ok(42));
    expect(coerceValue(f("number"), "-1.5e3")).toEqual(ok(-1500));
    expect(coerceValue(f("number"), ".5")).toEqual(ok(0.5));
    expect(coerceValue(f("number"), 7)).toEqual(ok(7));
    for (const bad of ["NaN", "Infinity", "-Infinity", "1e309", "0x10", "1,000", "1_000", "12abc", "--1"]) {
      expect(coerceValue(f("number"), bad).ok, bad).toBe(false);
    }
    expect(coerceValue(f("number"), Number.NaN).ok).toBe(false);
    expect(coerceValue(f("number"), Number.POSITIVE_INFINITY).ok).toBe(false);
  });
  it("accepts enum options exactly or by a unique case-insensitive match", () => {
    expect(coerceValue(f("enum", ["web", "Mobile"]), "web")).toEqual(ok("web"));
    expect(coerceValue(f("enum", ["web", "Mobile"]), "MOBILE")).toEqual(ok("Mobile"));
    expect(coerceValue(f("enum", ["a", "A"]), "a")).toEqual(ok("a"));
    const miss = coerceValue(f("enum", ["web"]), "desktop");
    expect(miss).toEqual({ ok: false, message: "is not one of the options (web)" });
  });
  it("keeps strings trimmed, stringifies JSON scalars, refuses objects", () => {
    expect(coerceValue(f("string"), "  hi ")).toEqual(ok("hi"));
    expect(coerceValue(f("string"), 12)).toEqual(ok("12"));
    expect(coerceValue(f("string"), { a: 1 })).toEqual({ ok: false, message: "expected a string, got an object" });
    expect(coerceValue(f("string"), "x".repeat(10_001)).ok).toBe(false);
    expect(coerceValue(f("string"), "a\uD800b😀")).toEqual(ok("a\uFFFDb😀"));
  });
});

const schema = schemaJsonSchema.parse({
  fields: [
    { name: "id", type: "string", required: true },
    { name: "displayName", type: "string", required: true },
    { name: "region", type: "enum", options: ["eu", "us"] },
  ],
  dimensions: ["region"],
  labelField: "displayName",
});

describe("column mapping", () => {
  it("maps by name case-insensitively and lets overrides win or ignore", () => {
    const m = new ColumnMapper(schema, { Title: "displayName", ID: null });
    expect(m.fieldFor("DISPLAYNAME")).toBe("displayName");
    expect(m.fieldFor("Title")).toBe("displayName");
    expect(m.fieldFor("id")).toBeNull();
    expect(m.fieldFor("colour")).toBeNull();
    expect(m.warnings).toEqual(['Column "colour" matches no field of the schema and was ignored (map it with `mapping`)']);
    expect(m.unusedOverrideWarnings(["title", "colour"])).toEqual(['Mapping names column "ID", which the file does not have']);
  });
  it("checks a header: two columns for one field, required fields without a column", () => {
    expect(new ColumnMapper(schema).checkHeader(["id", "ID ", "displayName"])).toMatch(/Columns "id" and "ID " both map to field "id"/);
    expect(new ColumnMapper(schema).checkHeader(["id"])).toMatch(/No column feeds the required field "displayName"/);
    expect(new ColumnMapper(schema).checkHeader(["Id", "DisplayName"])).toBeNull();
  });
  it("refuses overrides that name no field", () => {
    expect(normalizeMapping(schema, { Title: "DISPLAYNAME" })).toEqual({ Title: "displayName" });
    expect(() => normalizeMapping(schema, { Title: "nope" })).toThrow(/not a field of this schema/);
  });
});

describe("header checks scale with the header (issue 11.1)", () => {
  it("finds a repeated column, case-insensitively, among 40,000", () => {
    const columns = Array.from({ length: 40_000 }, (_, i) => `c${i}`);
    expect(duplicateColumn(columns)).toBeNull();
    expect(duplicateColumn([...columns, " C17"])).toBe(" C17");
  });
  it("warns about unknown columns with a suggestion, then counts the rest", () => {
    const s = schemaJsonSchema.parse({ fields: [{ name: "id", type: "string", required: true }, { name: "needsContainerQueries", type: "boolean" }] });
    expect(suggestField("needsContainerQuery", ["id", "needsContainerQueries"])).toBe("needsContainerQueries");
    expect(suggestField("vendor", ["id", "needsContainerQueries"])).toBeNull();
    const m = new ColumnMapper(s);
    m.checkHeader(["id", "needsContainerQuery", ...Array.from({ length: 40_000 }, (_, i) => `c${i}`)]);
    expect(m.warnings[0]).toBe('Column "needsContainerQuery" matches no field of the schema and was ignored — did you mean `needsContainerQueries`? (map it with `mapping`)');
    expect(m.warnings).toHaveLength(101);
    expect(m.warnings.at(-1)).toBe("… and 39,901 more columns that match no field were ignored");
  });
});

describe("prepareRow", () => {
  it("splits dims from attrs (sources), derives label, hashes content but not the label", () => {
    const m = new ColumnMapper(schema);
    const a = prepareRow(schema, "source", m, 2, [["id", "k1"], ["displayName", "K one"], ["region", "EU"]]);
    expect(a.row).toMatchObject({ line: 2, keyText: "k1", label: "K one", dimsJson: '{"region":"eu"}', attrsJson: '{"id":"k1","displayName":"K one"}' });
    const t = prepareRow(schema, "target", m, 2, [["id", "k1"], ["displayName", "K one"], ["region", "eu"]]);
    expect(t.row).toMatchObject({ dimsJson: "{}", dimsHash: "", attrsJson: '{"id":"k1","displayName":"K one","region":"eu"}' });
  });
  it("requires a value at every dimension and reports every bad field of a row", () => {
    const m = new ColumnMapper(schema);
    const r = prepareRow(schema, "source", m, 9, [["id", "k1"], ["displayName", ""], ["region", ""]]);
    expect(r.errors?.map((e) => [e.line, e.field])).toEqual([[9, "displayName"], [9, "region"]]);
  });
});

async function items(format: ImportFormat, text: string): Promise<ParsedItem[] | string> {
  const out: ParsedItem[] = [];
  try {
    for await (const batch of parseRecords(Readable.from([text]), format)) out.push(...batch);
  } catch (e) {
    return (e as Error).message;
  }
  return out;
}
const lines = (xs: ParsedItem[] | string) => (typeof xs === "string" ? xs : xs.map((x) => `${x.kind}@${x.line}`));

describe("parseRecords", () => {
  it("numbers CSV records by their first line, quoted newlines included", async () => {
    expect(lines(await items("csv", 'id,n\n1,"a\nb"\n\n2,x\n3\n'))).toEqual(["header@1", "row@2", "row@5", "error@6"]);
    expect(await items("csv", "")).toBe("The file is empty: a CSV import needs a header row");
    expect(await items("csv", "id,ID\n")).toBe("The header names column \"ID\" twice");
  });
  it("reads a JSON array or NDJSON, one element at a time", async () => {
    expect(lines(await items("json", '[\n{"a":1},\n"x",\n{"b":"],{"}\n]'))).toEqual(["record@2", "error@3", "record@4"]);
    expect(lines(await items("json", '{"a":1}\n\nnope\n{"a":\n2}\n'))).toEqual(["record@1", "error@3", "record@4"]);
    expect(await items("json", '[{"a":1}')).toBe("The JSON array is not closed (missing ])");
    expect(await items("json", "[] x")).toBe("Unexpected text after the closing ] of the JSON array");
    expect(await items("json", "")).toBe("The file is empty: a JSON import needs an array of objects or one object per line");
    expect(await items("json", " \n\t\n")).toBe("The file is empty: a JSON import needs an array of objects or one object per line");
    expect(await items("json", "[]")).toEqual([]);
  });
});
