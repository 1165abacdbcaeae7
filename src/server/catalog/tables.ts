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

/** Sources and targets are one catalog seen from two sides (DESIGN §3). */
export const sides = ["source", "target"] as const;
export type Side = (typeof sides)[number];

/**
 * The side → tables map. Both sides' definition/dataset/import tables have identical columns, so the
 * target tables are typed as their source twins: column objects still carry their real table, so
 * the SQL names the right one. Rows differ (sources carry dims), hence `rows` typed as the common part.
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
    rows: sourceRows as unknown as typeof targetRows,
    imports: sourceImports,
  },
  target: {
    side: "target",
    definitions: targetDefinitions as unknown as typeof sourceDefinitions,
    datasets: targetDatasets as unknown as typeof sourceDatasets,
    rows: targetRows,
    imports: targetImports as unknown as typeof sourceImports,
  },
};

/** The tables of one side. */
export function tablesFor(side: Side): CatalogTables {
  return bySide[side];
}

/** Source-only tables, for the dimension code paths. */
export { sourceRows, sourceDimensionValues };

/** Limit names per side (DESIGN §10). */
export const limitsFor = {
  source: { schemas: "sourceSchemas", rows: "sourceRowsPerDataset" },
  target: { schemas: "targetSchemas", rows: "targetRowsPerDataset" },
} as const;

/** "Source" / "Target", for messages. */
export const sideLabel = (side: Side) => (side === "source" ? "Source" : "Target");
