import { describe, expect, it } from "vitest";
import jsonLogic from "json-logic-js";
import { schemaJsonSchema } from "~/server/catalog/schema-json";
import { APPS, APP_REGIONS, CATEGORIES, CLIENT_TYPES, SOURCE_SCHEMA } from "./apps";
import { MODELS, PROVIDERS, REGIONS, TARGET_SCHEMA, UNKNOWN_FACTS } from "./models";
import { OVERRIDES, RULES } from "./rules";
import { appsToCsv, modelsToJson } from "./content";
import { compileRuleSet, evaluateMatrix, parseDevicePolicy } from "~/server/engine";

const unique = (xs: string[]) => new Set(xs).size === xs.length;
const fieldNames = (schema: { fields: { name: string }[] }) => new Set(schema.fields.map((f) => f.name));

describe("demo data", () => {
  it("has at least 30 models from at least 6 providers, with unique ids", () => {
    expect(MODELS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(MODELS.map((m) => m.provider)).size).toBeGreaterThanOrEqual(6);
    expect(unique(MODELS.map((m) => m.id))).toBe(true);
    expect(unique(MODELS.map((m) => m.displayName))).toBe(true);
  });

  it("gives every model a known provider and region, positive numbers and a YYYY-MM release", () => {
    for (const m of MODELS) {
      expect(PROVIDERS, m.id).toContain(m.provider);
      if (m.primaryRegion !== undefined) expect(REGIONS, m.id).toContain(m.primaryRegion);
      expect(m.contextWindow, m.id).toBeGreaterThan(0);
      if (m.maxOutputTokens !== undefined) {
        expect(m.maxOutputTokens, m.id).toBeGreaterThan(0);
        expect(m.maxOutputTokens, m.id).toBeLessThanOrEqual(m.contextWindow);
      }
      if (m.inputPricePerMTok !== undefined) expect(m.inputPricePerMTok, m.id).toBeGreaterThan(0);
      expect(m.releaseMonth, m.id).toMatch(/^20\d\d-(0[1-9]|1[0-2])$/);
      expect(m.id, m.id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    }
  });

  it("has 25–40 apps with unique ids and valid enum values", () => {
    expect(APPS.length).toBeGreaterThanOrEqual(25);
    expect(APPS.length).toBeLessThanOrEqual(40);
    expect(unique(APPS.map((a) => a.id))).toBe(true);
    for (const a of APPS) {
      expect(CATEGORIES, a.id).toContain(a.category);
      expect(CLIENT_TYPES, a.id).toContain(a.clientType);
      if (a.region !== undefined) expect(APP_REGIONS, a.id).toContain(a.region);
      expect(a.minContextTokens, a.id).toBeGreaterThan(0);
      if (a.maxLatencyMs !== undefined) expect(a.maxLatencyMs, a.id).toBeGreaterThan(0);
      if (a.maxInputPricePerMTok !== undefined) expect(a.maxInputPricePerMTok, a.id).toBeGreaterThan(0);
    }
  });

  it("fills every category of the Finder's first dropdown", () => {
    expect(new Set(APPS.map((a) => a.category))).toEqual(new Set(CATEGORIES));
  });

  it("declares schemas the catalog accepts, covering every data field", () => {
    const source = schemaJsonSchema.parse(SOURCE_SCHEMA);
    const target = schemaJsonSchema.parse(TARGET_SCHEMA);
    const sourceFields = fieldNames(source);
    const targetFields = fieldNames(target);
    for (const a of APPS) for (const k of Object.keys(a)) expect(sourceFields, `source field ${k}`).toContain(k);
    for (const m of MODELS) for (const k of Object.keys(m)) expect(targetFields, `target field ${k}`).toContain(k);
  });

  it("writes rules that read only schema fields", () => {
    const sourceFields = fieldNames(SOURCE_SCHEMA);
    const targetFields = fieldNames(TARGET_SCHEMA);
    expect(unique(RULES.map((r) => r.name))).toBe(true);
    for (const r of RULES) {
      for (const name of jsonLogic.uses_data(r.logic) as string[]) {
        const [side, field] = name.split(".");
        expect(side === "source" ? sourceFields : targetFields, `${r.name}: ${name}`).toContain(field);
      }
    }
  });

  it("never makes a rule fail when the app leaves its needs out", () => {
    const bare = { source: { id: "x", minContextTokens: 1 }, target: MODELS[0] };
    for (const r of RULES) expect(jsonLogic.apply(r.logic, bare), r.name).toBeTruthy();
  });

  it("points overrides at existing apps and models, with a note", () => {
    for (const o of OVERRIDES) {
      expect(APPS.map((a) => a.id)).toContain(o.sourceKey);
      expect(MODELS.map((m) => m.id)).toContain(o.targetKey);
      expect(o.note.length).toBeGreaterThan(10);
    }
  });

  it("serialises apps as CSV and models as JSON without losing fields", () => {
    const csv = appsToCsv(APPS).trim().split("\n");
    expect(csv).toHaveLength(APPS.length + 1);
    expect(csv[0]!.split(",")).toEqual(SOURCE_SCHEMA.fields.map((f) => f.name));
    expect(JSON.parse(modelsToJson(MODELS))).toEqual(MODELS);
  });

  it("gives every model every target field a rule reads, a source and a check date", () => {
    const read = new Set(RULES.flatMap((r) => (jsonLogic.uses_data(r.logic) as string[]).filter((n) => n.startsWith("target.")).map((n) => n.slice(7))));
    expect(read.size).toBeGreaterThan(5);
    for (const m of MODELS) {
      for (const field of read) if (!UNKNOWN_FACTS[m.id]?.includes(field)) expect((m as unknown as Record<string, unknown>)[field], `${m.id}.${field}`).not.toBeUndefined();
      expect(m.factsSource.length, m.id).toBeGreaterThan(10);
      expect(m.checkedOn, m.id).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(m.inputPricePerMTok, `${m.id} shows a price`).toBeGreaterThan(0);
    }
  });

  it("leaves under 5 % of the demo Matrix cells with data missing", () => {
    const compiled = compileRuleSet(RULES.map((r, i) => ({ id: String(i), name: r.name, required: r.required, weight: r.weight, category: r.category, logic: r.logic })));
    const sources = APPS.map(({ id, name, category, clientType, ...attrs }) => ({ key: id, label: name, dims: { category, clientType }, attrs: attrs as Record<string, unknown> }));
    const targets = MODELS.map((m) => ({ key: m.id, label: m.displayName, attrs: m as unknown as Record<string, unknown> }));
    const slice = evaluateMatrix({ compiled, overrides: [], sources, targets, devicePolicy: parseDevicePolicy({}, "matrix") });
    const cells = slice.rows.flatMap((r) => r.cells);
    const missing = cells.filter((c) => c.u).length;
    expect(cells.length).toBe(APPS.length * MODELS.length);
    expect(missing / cells.length).toBeLessThan(0.05);
  });
});
