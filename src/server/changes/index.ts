/**
 * Changes domain (docs/changes.md): verdict snapshots and diffs, the per-page changelog and what
 * feeds it. Routers call only what is exported here.
 */
import { onDatasetChanged } from "~/server/catalog";
import { recordDatasetChange } from "./changelog";

export { recordVerdictChange, listChanges, pageChangelog, type ChangelogEntry, type ChangeCause } from "./changelog";
export { publicChanges, findPublished, PUBLIC_PAIRS, type PublicChanges } from "./public";
export { diffPage, type PageDiff, type DiffSide } from "./page-diff";
export { diffVerdicts, type VerdictDiff, type PairChange, type ChangeReason } from "./verdict-diff";

// Data changes enter the changelog from the moment the domain is loaded (the catalog's listener
// set lives beside this module instance, as in pages/published/dataset-sync.ts).
onDatasetChanged(recordDatasetChange);
