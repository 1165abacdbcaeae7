import { describe, expect, it } from "vitest";
import { newestFirstPage } from "./paging";

const rows = (...ids: number[]) => ids.map((id) => ({ id }));

describe("newestFirstPage", () => {
  it("keeps `limit` rows and points the cursor at the last one when the extra row came back", () => {
    expect(newestFirstPage(rows(9, 8, 7), 2)).toEqual({ items: rows(9, 8), nextCursor: 8 });
  });
  it("has no next cursor when the query found `limit` rows or fewer", () => {
    expect(newestFirstPage(rows(9, 8), 2)).toEqual({ items: rows(9, 8), nextCursor: null });
    expect(newestFirstPage(rows(), 2)).toEqual({ items: [], nextCursor: null });
  });
});
