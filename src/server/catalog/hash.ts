import { createHash } from "node:crypto";

/** sha256 hex of a string (row keys, content). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** `key_hash` of a row: sha256 hex of the key text (docs/data-model.md). */
export const keyHashOf = (key: string): string => sha256Hex(key);

/**
 * `parent_key_hash` of a dimension level: sha256 hex of JSON.stringify(path above it); `[]` at
 * level 0. Pages build their option index with the same function, so the hashes line up.
 */
export function dimensionPathHash(pathAbove: readonly string[]): string {
  return sha256Hex(JSON.stringify(pathAbove));
}
