import { describe, expect, it } from "vitest";
import { evaluationToCsv, exportFileName, matrixToCsv, matrixToJson, neutraliseCell, toCsv, toJson } from "./export";

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

describe("matrix and evaluation exports", () => {
  const m = {
    page: { id: 1, slug: "p", name: "P" },
    draft: true,
    features: [{ id: "7", name: "Streaming", required: true, weight: 1, category: null }],
    groups: [{ name: "OpenAI", targetKeys: ["gpt-4o", "=evil"] }],
    rows: [{ key: "app1", label: "App one", cells: [{ v: 2, u: false, o: false, f: [] }, { v: 0, u: false, o: true, f: ["7"] }] }],
  };

  it("matrixToCsv: a column per target headed by group, verdict words, neutralised keys", () => {
    expect(matrixToCsv(m)).toBe("source key,source,OpenAI / gpt-4o,OpenAI / =evil\r\napp1,App one,compatible,incompatible (override)\r\n");
  });

  it("matrixToJson names the failed rules", () => {
    const j = JSON.parse(matrixToJson(m));
    expect(j.rows[0].cells[1]).toEqual({ target: "=evil", verdict: "incompatible", overridden: true, dataMissing: false, failed: ["Streaming"] });
  });

  it("evaluationToCsv lists failed and unknown rules with explanations", () => {
    const csv = evaluationToCsv(
      [{ key: "m", label: "Model", group: "X", verdict: 1, score: 0.5, overridden: false, note: null, features: [{ ruleId: "7", status: "unknown", explanation: { text: "target.x is missing" } }] }],
      m.features,
    );
    expect(csv.split("\r\n")[1]).toBe("m,Model,X,partial,0.5,,,,Streaming: target.x is missing");
  });
});
