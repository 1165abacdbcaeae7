import {
  sourceDatasets,
  sourceDefinitions,
  sourceDimensionValues,
  sourceImports,
  sourceRows,
  targetDatasets,
  targetDefinitions,
  targetImports,
  targetRows,
} from "~/server/db/schema";

/** Sources and targets are one catalog seen from two sides (docs/architecture.md). */
export const sides = ["source", "target"] as const;
export type Side = (typeof sides)[number];

/**
 * The side → tables map. A source table and its target twin share one type (their names are typed
 * `string` in the schema), so each side's tables fit the same slots. Rows differ — sources also carry
 * their dimensions — so `rows` is typed as the common part, which the source rows table extends.
 */
export interface CatalogTables {
  side: Side;
  definitions: typeof sourceDefinitions;
  datasets: typeof sourceDatasets;
  rows: typeof targetRows;
  imports: typeof sourceImports;
}

const bySide: Record<Side, CatalogTables> = {
  source: {
    side: "source",
    definitions: sourceDefinitions,
    datasets: sourceDatasets,
    rows: sourceRows,
    imports: sourceImports,
  },
  target: {
    side: "target",
    definitions: targetDefinitions,
    datasets: targetDatasets,
    rows: targetRows,
    imports: targetImports,
  },
};

/** The tables of one side. */
export function tablesFor(side: Side): CatalogTables {
  return bySide[side];
}

/** Source-only tables, for the dimension code paths. */
export { sourceRows, sourceDimensionValues };

/** Limit names per side (docs/limits.md). */
export const limitsFor = {
  source: { schemas: "sourceSchemas", rows: "sourceRowsPerDataset" },
  target: { schemas: "targetSchemas", rows: "targetRowsPerDataset" },
} as const;

/** "Source" / "Target", for messages. */
export const sideLabel = (side: Side) => (side === "source" ? "Source" : "Target");
