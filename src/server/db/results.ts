/**
 * Reading write results and raw rows the same way from both drivers (the one place, besides
 * client.ts, that knows there are two).
 */

/** mysql2 answers `[ResultSetHeader, …]`, PlanetScale's driver `{ rowsAffected }`. */
export function affectedRows(res: unknown): number {
  const header = (Array.isArray(res) ? res[0] : res) as { affectedRows?: number; rowsAffected?: number } | undefined;
  return Number(header?.affectedRows ?? header?.rowsAffected ?? 0);
}

/** Rows of a raw `db.execute(sql…)`: mysql2 answers `[rows, fields]`, PlanetScale `{ rows }`. */
export function rowsOf<T>(res: unknown): T[] {
  if (Array.isArray(res)) return (Array.isArray(res[0]) ? res[0] : res) as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}
