/**
 * `import.completed` / `import.failed`: the catalog tells its import-finished listeners after the
 * import's outcome is recorded; this one writes the webhook deliveries and kicks the drainer.
 */
import { onImportFinished, type ImportFinished } from "~/server/catalog";
import { enqueueEvent, kickWebhooks } from "./deliver";

async function sendImportEvent(e: ImportFinished): Promise<void> {
  const data = { import: { id: e.importId, side: e.side, datasetId: e.datasetId, status: e.status, changed: e.changed, datasetVersion: e.version, error: e.error } };
  const written = await e.db.transaction((tx) => enqueueEvent(tx, e.orgId, e.status === "completed" ? "import.completed" : "import.failed", data));
  if (written.length) void kickWebhooks();
}

let registered = false;

export function registerImportEvents(): void {
  if (registered) return;
  registered = true;
  onImportFinished(sendImportEvent);
}
