import { lt, type Column } from "drizzle-orm";

/**
 * Newest-first lists paged by id (audit log, changelog, webhook deliveries): the query orders by id
 * descending, adds `beforeCursor(table.id, cursor)` to its conditions and asks for `limit + 1` rows;
 * `newestFirstPage` drops the extra row, whose presence says there is a next page.
 */
export const beforeCursor = (id: Column, cursor: number | undefined) => (cursor ? lt(id, cursor) : undefined);

export function newestFirstPage<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
