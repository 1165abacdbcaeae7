/**
 * CSV injection through the real export paths: tenant data that starts with `=`, `+`, `-`, `@`,
 * tab or CR goes through the procedures the exports read (pages.matrix, pages.evaluate, a failed
 * import's errors) and the export builders the dashboard and scripts use (src/lib/export.ts).
 * No cell of the resulting CSV may start with a formula character — except a number the export
 * wrote as a number.
 */
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { evaluationToCsv, importErrorsToCsv, matrixToCsv, type MatrixExport } from "~/lib/export";
import { sourceSchema, targetSchema } from "~/server/pages/testing/fixtures";
import { createTestOrg } from "~/test/helpers";
import { Figures } from "./harness.test-support";

const figures = new Figures();
afterAll(() => figures.print("CSV injection"));

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Every cell of a CSV; fails the test on any that a spreadsheet would run. */
function expectNeutral(csv: string, what: string): string[][] {
  const rows = parse(csv, { relax_column_count: false }) as string[][];
  const bad = rows.flatMap((r, i) => r.map((cell, j) => ({ cell, at: `${i + 1}:${j + 1}` }))).filter(({ cell }) => FORMULA.test(cell) && !NUMBER.test(cell));
  expect(bad, `${what}: cells a spreadsheet would run as formulas`).toEqual([]);
  figures.add("CSV cells checked", rows.reduce((n, r) => n + r.length, 0));
  return rows;
}

const PAYLOADS = ["=cmd()", "+SUM(1,2)", "-2+3", "@SUM(A1:A2)", '=HYPERLINK("http://evil.example","x")', "=1+1"];

describe("exports neutralise formula-looking cells", () => {
  it("matrix CSV, evaluation CSV and import-error CSV built from hostile tenant data", async () => {
    const org = await createTestOrg({ tier: "team" });
    const src = await org.caller.sources.definitions.create({ slug: "inj-src", name: "src", schema: sourceSchema });
    const tgt = await org.caller.targets.definitions.create({ slug: "inj-tgt", name: "tgt", schema: targetSchema });
    const sds = await org.caller.sources.datasets.create({ definitionId: src.id, name: "s" });
    const tds = await org.caller.targets.datasets.create({ definitionId: tgt.id, name: "t" });
    const sources = PAYLOADS.map((p, i) => ({ id: i === 0 ? "=src0" : `s${i}`, name: p, clientType: "web", needsStreaming: i % 2 === 0, needsToolCalling: true }));
    const targets = PAYLOADS.map((p, i) => ({ id: i === 0 ? "@tgt0" : `t${i}`, displayName: p, provider: i % 2 === 0 ? "=evil()" : "+provider", supportsStreaming: true, supportsToolCalling: i % 3 !== 0 }));
    for (const [api, id, rows] of [[org.caller.sources, sds.id, sources], [org.caller.targets, tds.id, targets]] as const) {
      const run = await api.datasets.import({ datasetId: id, format: "json", content: JSON.stringify(rows), wait: true });
      expect(run.import?.status, run.import?.error ?? "").toBe("completed");
    }
    const page = await org.caller.pages.create({ slug: "injection", name: "=page()", template: "matrix", sourceDatasetId: sds.id, targetDatasetId: tds.id, devicePolicy: { groupBy: "provider" } });
    await org.caller.rules.create({ pageId: page.id, name: "=rule()", required: false, weight: 1, logic: { "==": [{ var: "target.supportsToolCalling" }, true] } });
    await org.caller.rules.create({ pageId: page.id, name: "@streaming", required: false, weight: 2, logic: { "==": [{ var: "target.supportsStreaming" }, { var: "source.needsStreaming" }] } });
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "t1", verdict: 0, note: "\t=cmd('tab')" });
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "t2", verdict: 1, note: "\r@cr" });
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "t3", verdict: 2, note: "-negative note" });

    // The matrix export, fetched the way scripts/export-matrix.ts does.
    const slice = await org.caller.pages.matrix({ pageId: page.id, rowLimit: 200 });
    const data: MatrixExport = { page: { id: page.id, slug: page.slug, name: page.name }, draft: true, features: slice.features, groups: slice.groups, rows: slice.rows };
    const labels = Object.fromEntries(targets.map((t) => [t.id, t.displayName]));
    for (const m of [data, { ...data, targetLabels: labels }]) {
      const rows = expectNeutral(matrixToCsv(m), "matrix CSV");
      const text = rows.flat().join("\n");
      // The hostile text is there, made inert with a leading apostrophe.
      expect(text).toContain("'=cmd()");
      expect(text).toContain("'=src0");
    }
    figures.add("exports built", 2);

    // The evaluation export (dashboard "export results"), with notes and rule names in it.
    await org.caller.pages.update({ id: page.id, template: "finder", selectionPolicy: { minDepth: 0 } });
    const evaluation = await org.caller.pages.evaluate({ pageId: page.id, path: [] });
    const evalRows = expectNeutral(evaluationToCsv(evaluation.targets, evaluation.features), "evaluation CSV");
    const evalText = evalRows.flat().join("\n");
    expect(evalText).toContain("'\t=cmd('tab')");
    expect(evalText).toContain("'\r@cr");
    expect(evalText).toContain("'@tgt0");
    figures.add("exports built");

    // The import-error report: the offending values are echoed back.
    const bad = await org.caller.targets.datasets.import({
      datasetId: tds.id,
      format: "csv",
      content: 'id,displayName,provider,supportsStreaming,supportsToolCalling\n=x,"=cmd()",p,=TRUE(),@yes\n+y,-z,p,maybe,-1',
      onError: "skip",
      wait: true,
    });
    expect(bad.import?.errors.length).toBeGreaterThan(0);
    const errRows = expectNeutral(importErrorsToCsv(bad.import!.errors), "import errors CSV");
    expect(errRows.flat().some((c) => c.startsWith("'="))).toBe(true);
    figures.add("exports built");
  });
});
