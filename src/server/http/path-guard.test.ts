import { describe, expect, it } from "vitest";
import { refusedPath } from "./path-guard";

describe("refusedPath", () => {
  it.each(["/robots.txt/..%2Fapi/health", "/p/demo/..%2F..%2Fapi/trpc/x", "/api/trpc/a%2Fb", "/x%5Cy", "/x\\y", "/a/%2e%2e/b", "/a/%2E/b", "/a/../b"])("%s: 400", (path) => {
    expect(refusedPath(path)?.status).toBe(400);
  });

  it.each(["/robots.txt/x", "/favicon.svg/anything", "/FAVICON.ICO/a"])("%s (below a public file): 404", (path) => {
    expect(refusedPath(path)?.status).toBe(404);
  });

  it.each(["/", "/robots.txt", "/p/demo/llm-finder", "/p/demo/llm-finder/changes.atom", "/api/trpc/public.page,public.options", "/p/%ZZ/x", "/dashboard/pages/12", "/p/demo/a..b"])("%s: passes", (path) => {
    expect(refusedPath(path)).toBeNull();
  });
});
