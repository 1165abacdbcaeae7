import { describe, expect, it } from "vitest";
import { autoMapping, mappingProblems, parseCsvRecords, previewFile } from "./file-preview";

describe("parseCsvRecords", () => {
  it("handles quotes, doubled quotes, embedded newlines, CRLF and a BOM", () => {
    const { records } = parseCsvRecords('\uFEFFid,name\r\n1,"Acme, Inc."\r\n2,"say ""hi""\nthere"\n', 10);
    expect(records).toEqual([["id", "name"], ["1", "Acme, Inc."], ["2", 'say "hi"\nthere']]);
  });

  it("stops after maxRecords", () => {
    expect(parseCsvRecords("a\nb\nc\n", 2)).toEqual({ records: [["a"], ["b"]], complete: false });
  });
});

describe("previewFile", () => {
  it("previews a CSV file's header and rows", async () => {
    const p = await previewFile(new File(["ID,Name\nx,X\ny,Y\n"], "a.csv", { type: "text/csv" }));
    expect(p).toMatchObject({ format: "csv", columns: ["ID", "Name"], rows: [["x", "X"], ["y", "Y"]], truncated: false });
  });

  it("previews JSON arrays and NDJSON with the union of keys as columns", async () => {
    const a = await previewFile(new File(['[{"id":"a","n":1},{"id":"b","x":true}]'], "a.json"));
    expect(a).toMatchObject({ format: "json", columns: ["id", "n", "x"], rows: [["a", "1", ""], ["b", "", "true"]] });
    const nd = await previewFile(new File(['{"id":"a"}\n{"id":"b"}\n'], "a.ndjson"));
    expect(nd.rows).toEqual([["a"], ["b"]]);
  });
});

describe("mapping", () => {
  it("maps columns to fields by name, case-insensitively", () => {
    expect(autoMapping(["ID", "Vendor ", "extra"], ["id", "vendor"])).toEqual({ ID: "id", "Vendor ": "vendor", extra: null });
  });

  it("reports required fields no column feeds and fields fed twice", () => {
    const problems = mappingProblems({ a: "id", b: "id" }, [
      { name: "id", required: true },
      { name: "name", required: true },
    ]);
    expect(problems).toEqual(['Field "id" is fed by "a" and "b"; ignore one of them.', 'No column feeds the required field "name".']);
  });
});
