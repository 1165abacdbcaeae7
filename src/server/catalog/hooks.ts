import type { Db, DbOrTx } from "~/server/db/client";
import { log } from "~/server/log";
import type { Side } from "./tables";

/** What changed: a dataset's rows, now at `version` (already committed). */
export interface DatasetChange {
  db: Db;
  orgId: string;
  side: Side;
  datasetId: number;
  version: number;
}

export type DatasetChangedListener = (change: DatasetChange) => Promise<void> | void;

const listeners = new Set<DatasetChangedListener>();

/**
 * Registers a listener called after every committed import that changed a dataset's rows (the pages
 * module rebuilds option indexes and drops cached results there). Returns an unsubscribe function.
 */
export function onDatasetChanged(listener: DatasetChangedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls every listener in turn, awaiting each. A failing listener is logged, never thrown: the data
 * change is already committed and must not be reported as failed because a follower stumbled.
 */
export async function notifyDatasetChanged(change: DatasetChange): Promise<void> {
  for (const listener of [...listeners]) {
    try {
      await listener(change);
    } catch (err) {
      log("error", "dataset-changed listener failed", {
        org: change.orgId,
        side: change.side,
        datasetId: change.datasetId,
        version: change.version,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

/** Something that reads a dataset and so keeps it from being deleted: a page's draft or live revision. */
export interface DatasetUse {
  page: { slug: string; name: string };
  by: ("draft" | "live revision")[];
}

export type DatasetUsesFinder = (tx: DbOrTx, orgId: string, side: Side, datasetId: number) => Promise<DatasetUse[]>;

let usesFinder: DatasetUsesFinder | null = null;

/**
 * The pages module tells the catalog who uses a dataset (the catalog must not import pages).
 * Registered once when the pages domain loads.
 */
export function setDatasetUsesFinder(finder: DatasetUsesFinder): void {
  usesFinder = finder;
}

/** Who uses the dataset. Fails closed: without a finder nobody can say it is unused. */
export async function datasetUses(tx: DbOrTx, orgId: string, side: Side, datasetId: number): Promise<DatasetUse[]> {
  if (!usesFinder) throw new Error("No dataset-uses finder is registered (load ~/server/pages before deleting datasets)");
  return usesFinder(tx, orgId, side, datasetId);
}
