import { describe, expect, it } from "vitest";
import { exportFileName, neutraliseCell, toCsv, toJson } from "./export";

describe("neutraliseCell", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])("prefixes %j with a quote so spreadsheets keep it text", (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });

  it("leaves ordinary text, numbers and booleans alone", () => {
    expect(neutraliseCell("gpt-4o")).toBe("gpt-4o");
    expect(neutraliseCell(42)).toBe("42");
    expect(neutraliseCell(true)).toBe("true");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });

  it("numbers stay numbers (a negative number is not a formula), strings starting with - do not; null is empty", () => {
    expect(neutraliseCell(-3)).toBe("-3");
    expect(neutraliseCell("-3")).toBe("'-3");
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
  });

  it("objects become JSON", () => {
    expect(neutraliseCell({ a: 1 })).toBe('{"a":1}');
  });
});

describe("toCsv", () => {
  const columns = [
    { header: "key", value: (r: { key: string; note?: string }) => r.key },
    { header: "note", value: (r: { key: string; note?: string }) => r.note },
  ];

  it("writes a header, CRLF lines and quotes cells with separators, quotes or newlines", () => {
    const csv = toCsv([{ key: "a", note: 'say "hi", then\nleave' }, { key: "b" }], columns);
    expect(csv).toBe('key,note\r\na,"say ""hi"", then\nleave"\r\nb,\r\n');
  });

  it("a formula in a quoted cell is still neutralised", () => {
    expect(toCsv([{ key: "=1,2" }], columns)).toBe("key,note\r\n\"'=1,2\",\r\n");
  });

  it("no rows gives just the header", () => {
    expect(toCsv([], columns)).toBe("key,note\r\n");
  });
});

describe("toJson and exportFileName", () => {
  it("pretty-prints with a trailing newline", () => {
    expect(toJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it("builds a safe dated file name", () => {
    expect(exportFileName(["Matrix", "LLM Finder!"], "csv", new Date("2025-01-31T10:00:00Z"))).toBe("matrix-llm-finder-2025-01-31.csv");
  });
});
