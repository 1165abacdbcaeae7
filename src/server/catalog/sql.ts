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

/** JSON path of a top-level member; field names are identifier-like (schema-json), quoting is belt and braces. */
export const jsonPath = (field: string) => `$."${field.replace(/["\\]/g, "")}"`;

/** Splits a list into chunks of `size` (statement size stays bounded). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
