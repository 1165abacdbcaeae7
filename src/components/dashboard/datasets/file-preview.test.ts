import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ColumnMapper } from "~/server/catalog/import/columns";
import { parseRecords, type ImportFormat } from "~/server/catalog/import/parse";
import { autoMapping, mappingProblems, previewFile, uploadProblems } from "./file-preview";

/** What the server's import parser reads from the same bytes: header, rows (as text) and row errors. */
async function serverReads(text: string, format: ImportFormat) {
  const out = { columns: [] as string[], rows: [] as string[][], errors: [] as { line: number; message: string }[] };
  for await (const batch of parseRecords(Readable.from([Buffer.from(text)]), format)) {
    for (const item of batch) {
      if (item.kind === "header") out.columns = item.columns;
      else if (item.kind === "row") out.rows.push(item.values);
      else if (item.kind === "record") out.rows.push(item.cells.map(([, v]) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v ?? ""))));
      else out.errors.push({ line: item.line, message: item.message });
    }
  }
  return out;
}

const csvCases: Record<string, string> = {
  "quotes, doubled quotes, embedded newlines, CRLF and a BOM": '\uFEFFid,name\r\n1,"Acme, Inc."\r\n2,"say ""hi""\nthere"\n',
  "padded header names, blank lines, a short row": " ID , Name \n\nx,X\ny\nz,Z\n",
  "broken quoting in one row": 'id,name\na,"unterminated\nb,B\n',
};

describe("the upload preview reads a file as the import does", () => {
  for (const [name, text] of Object.entries(csvCases)) {
    it(`CSV: ${name}`, async () => {
      const server = await serverReads(text, "csv");
      const preview = await previewFile(new File([text], "f.csv", { type: "text/csv" }));
      expect({ columns: preview.columns, rows: preview.rows, errors: preview.rowErrors }).toEqual(server);
    });
  }

  it("CSV: a nameless or repeated header column is refused with the import's message", async () => {
    await expect(previewFile(new File(["id,,name\n1,2,3\n"], "f.csv"))).rejects.toThrow("The header's column 2 has no name");
    await expect(previewFile(new File(["id,ID\n1,2\n"], "f.csv"))).rejects.toThrow('The header names column "ID" twice');
  });

  it("JSON arrays and NDJSON: the union of keys as columns, broken records as the import reports them", async () => {
    const a = await previewFile(new File(['[{"id":"a","n":1},{"id":"b","x":true}, 3]'], "a.json"));
    expect(a).toMatchObject({ format: "json", columns: ["id", "n", "x"], rows: [["a", "1", ""], ["b", "", "true"]] });
    expect(a.rowErrors).toEqual((await serverReads('[{"id":"a","n":1},{"id":"b","x":true}, 3]', "json")).errors);
    const nd = await previewFile(new File(['{"id":"a"}\n{"id":\n{"id":"b"}\n'], "a.ndjson"));
    // The broken line swallows the next one, on the server as here.
    expect(nd.rows).toEqual([["a"]]);
    expect(nd.rowErrors).toHaveLength(1);
    expect(nd.rowErrors).toEqual((await serverReads('{"id":"a"}\n{"id":\n{"id":"b"}\n', "json")).errors);
  });

  it("an empty file is reported as empty, with the import's message, not as a mapping problem", async () => {
    const fields = [{ name: "id", required: true }, { name: "name", required: true }];
    for (const [name, text] of [["e.csv", ""], ["e.csv", "\n\n"], ["e.json", ""], ["e.json", "  \n"]] as const) {
      const preview = await previewFile(new File([text], name));
      const server = await serverReads(text, name.endsWith(".json") ? "json" : "csv").then(() => "no error", (e: Error) => e.message);
      expect(uploadProblems(preview, autoMapping(preview.columns, fields), fields)).toEqual([server]);
      expect(server).toMatch(/^The file is empty/);
    }
    const ok = await previewFile(new File(["id,name\n"], "h.csv"));
    expect(ok.fileError).toBeNull();
  });

  it("a sample cut mid-file drops its partial last record instead of showing it", async () => {
    const big = `id,name\n${Array.from({ length: 20_000 }, (_, i) => `row-${i},"name ${i}"`).join("\n")}\n`;
    const p = await previewFile(new File([big], "big.csv"));
    expect(p.truncated).toBe(true);
    expect(p.rows.length).toBeGreaterThan(1000);
    expect(p.rows.every((r) => r.length === 2 && /^row-\d+$/.test(r[0]!) && r[1] === `name ${r[0]!.slice(4)}`)).toBe(true);
  });
});

describe("the preview's mapping is the import's", () => {
  const fields = [
    { name: "id", required: true },
    { name: "vendor", required: false },
    { name: "name", required: true },
  ];

  it("maps columns to fields by name, case-insensitively, as the server does without a mapping", () => {
    const columns = ["ID", " Vendor ", "extra"];
    const server = new ColumnMapper({ fields });
    expect(autoMapping(columns, fields)).toEqual(Object.fromEntries(columns.map((c) => [c, server.fieldFor(c)])));
    expect(autoMapping(columns, fields)).toEqual({ ID: "id", " Vendor ": "vendor", extra: null });
  });

  it("reports what the server would refuse the header for, in the server's words", () => {
    expect(mappingProblems({ a: "id", b: "id", c: "name" }, fields)).toEqual(['Columns "a" and "b" both map to field "id"; keep one or map the other to null']);
    expect(mappingProblems({ a: "id", b: null }, fields)).toEqual([new ColumnMapper({ fields }, { a: "id", b: null }).checkHeader(["a", "b"])]);
    expect(mappingProblems({ a: "id", b: "name" }, fields)).toEqual([]);
  });
});
