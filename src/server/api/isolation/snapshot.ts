import { sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/results";
import { testDb } from "~/test/helpers";

/** Every row an organization owns, per table, each row as canonical JSON (sorted, so order-free). */
export type Snapshot = Map<string, string[]>;

let tenantTables: Promise<string[]> | null = null;

/** Tables with an `organization_id` column, read from the database so a new table is included. */
function tables(): Promise<string[]> {
  tenantTables ??= testDb()
    .execute(sql`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = DATABASE() AND column_name = 'organization_id' ORDER BY table_name`)
    .then((res) => rowsOf<{ t: string }>(res).map((r) => r.t));
  return tenantTables;
}

const canonical = (row: Record<string, unknown>): string =>
  JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString("base64") : value));

/** Straight from the database, not through any procedure: a read path with the same bug can't hide a write. */
export async function snapshotOrg(orgId: string): Promise<Snapshot> {
  const snap: Snapshot = new Map();
  const [org] = rowsOf<Record<string, unknown>>(await testDb().execute(sql`SELECT * FROM organizations WHERE id = ${orgId}`));
  snap.set("organizations", [canonical(org ?? {})]);
  for (const t of await tables()) {
    const rows = rowsOf<Record<string, unknown>>(await testDb().execute(sql`SELECT * FROM ${sql.identifier(t)} WHERE organization_id = ${orgId}`));
    snap.set(t, rows.map(canonical).sort());
  }
  return snap;
}

/** What changed between two snapshots, one line a row (`table: - row` / `table: + row`); empty when equal. */
export function diffSnapshots(before: Snapshot, after: Snapshot, ignore: readonly string[] = []): string[] {
  const lines: string[] = [];
  for (const t of new Set([...before.keys(), ...after.keys()])) {
    if (ignore.includes(t)) continue;
    const was = new Set(before.get(t) ?? []);
    const now = new Set(after.get(t) ?? []);
    for (const r of was) if (!now.has(r)) lines.push(`${t}: - ${r.slice(0, 300)}`);
    for (const r of now) if (!was.has(r)) lines.push(`${t}: + ${r.slice(0, 300)}`);
  }
  return lines;
}
