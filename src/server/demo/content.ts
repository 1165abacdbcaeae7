/**
 * Import files built from the demo tables. Apps go in as CSV and models as JSON so the seed
 * exercises both parsers the way a script would.
 */
import { SOURCE_SCHEMA, type DemoApp } from "./apps";
import type { DemoModel } from "./models";

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return ""; // empty = missing for the importer
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with one column per source field, in schema order; absent values are empty cells. */
export function appsToCsv(apps: DemoApp[]): string {
  const columns = SOURCE_SCHEMA.fields.map((f) => f.name) as (keyof DemoApp)[];
  const lines = [columns.join(",")];
  for (const app of apps) lines.push(columns.map((c) => csvCell(app[c])).join(","));
  return lines.join("\n") + "\n";
}

/** A JSON array of row objects; absent optional fields are simply not there. */
export function modelsToJson(models: DemoModel[]): string {
  return JSON.stringify(models);
}
