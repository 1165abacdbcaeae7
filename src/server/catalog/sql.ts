export { affectedRows, rowsOf } from "~/server/db/results";

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
