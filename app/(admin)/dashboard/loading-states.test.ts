import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dashboard = import.meta.dirname;

function routeFolders(dir: string): string[] {
  const here = existsSync(path.join(dir, "page.tsx")) ? [dir] : [];
  const children = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  return [...here, ...children.flatMap((e) => routeFolders(path.join(dir, e.name)))];
}

describe("dashboard routes", () => {
  it("every route has a loading state, so a click shows the page's title at once instead of a frozen screen", () => {
    const routes = routeFolders(dashboard);
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const missing = routes.filter((dir) => !existsSync(path.join(dir, "loading.tsx"))).map((dir) => path.relative(dashboard, dir) || ".");
    expect(missing).toEqual([]);
  });
});
