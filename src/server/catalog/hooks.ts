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

/** A dataset's version moving, seen inside the transaction that moves it (not yet committed). */
export type DatasetVersionListener = (tx: DbOrTx, change: Omit<DatasetChange, "db">) => Promise<void>;

const inTransaction = new Set<DatasetVersionListener>();

/**
 * Registers a listener run inside the transaction that bumps a dataset's version, so what it
 * writes (the pages' published projection) commits together with the new rows — or not at all:
 * a listener that throws rolls the change back.
 */
export function onDatasetVersionChanging(listener: DatasetVersionListener): () => void {
  inTransaction.add(listener);
  return () => inTransaction.delete(listener);
}

export async function notifyDatasetVersionChanging(tx: DbOrTx, change: Omit<DatasetChange, "db">): Promise<void> {
  for (const listener of [...inTransaction]) await listener(tx, change);
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

/** An import reached `completed` or `failed` (already recorded). */
export interface ImportFinished {
  db: Db;
  orgId: string;
  side: Side;
  datasetId: number;
  importId: number;
  status: "completed" | "failed";
  /** Whether a completed import changed the dataset's rows. */
  changed: boolean;
  version: number | null;
  error: string | null;
}

const importListeners = new Set<(event: ImportFinished) => Promise<void> | void>();

/** Registers a listener for finished imports (webhooks send `import.completed` / `import.failed`). */
export function onImportFinished(listener: (event: ImportFinished) => Promise<void> | void): () => void {
  importListeners.add(listener);
  return () => importListeners.delete(listener);
}

/** Like `notifyDatasetChanged`: listeners run in turn; a failing one is logged, never thrown. */
export async function notifyImportFinished(event: ImportFinished): Promise<void> {
  for (const listener of [...importListeners]) {
    try {
      await listener(event);
    } catch (err) {
      log("error", "import-finished listener failed", { org: event.orgId, importId: event.importId, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
