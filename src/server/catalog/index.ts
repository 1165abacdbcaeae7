/**
 * The catalog: source and target definitions, datasets, rows, imports and the dimension index —
 * one module for both sides, chosen by a `side` argument. Everything takes (db, orgId, …) and
 * filters by organization; other modules import from here only.
 */
export { sides, type Side } from "./tables";
export { keyHashOf, dimensionPathHash } from "./hash";
export {
  onDatasetChanged,
  notifyDatasetChanged,
  onDatasetVersionChanging,
  onImportFinished,
  setDatasetUsesFinder,
  type DatasetChange,
  type DatasetChangedListener,
  type DatasetUse,
  type ImportFinished,
} from "./hooks";
export {
  getDefinition,
  listDefinitions,
  createDefinition,
  updateDefinition,
  deleteDefinition,
  validateSchema,
  type DefinitionInfo,
  type DefinitionInput,
} from "./definitions";
export { getDataset, listDatasets, createDataset, deleteDataset, type DatasetInfo } from "./datasets";
export { catalogNames, type CatalogObject } from "./names";
export {
  loadTargetRecords,
  loadSourceRecordsByPath,
  loadSourceRecords,
  loadSourceByKey,
  countRows,
  findRowKeys,
  listRows,
  type SourceRecord,
  type TargetRecord,
  type Attrs,
  type RowPage,
} from "./rows";
export { dimensionOptions, rebuildDimensionIndex, listDimensionValues, type DimensionOption, type DimensionValueRow } from "./dimensions";
export { getImport, listImports, failStaleImports, STALE_IMPORT_MS, type ImportView, type ImportStats } from "./imports";
export { startImport } from "./import/run";
export { drainImportJobs, ensureImportWorker } from "./import/worker";
export { importInput, MAX_IMPORT_BYTES, type ImportRequest } from "./import/request";
export type { ImportTuning, ImportProgressEvent } from "./import/progress";
export type { RowError } from "./import/prepare";
export { schemaJsonSchema, dimensionsOf, entryLevelOf, type SchemaJson, type FieldDef } from "./schema-json";
