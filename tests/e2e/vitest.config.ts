import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

/** Tests against a running app (HTTP and browser): `npm test` runs them after the unit/integration suite. */
export default defineConfig({
  root,
  resolve: {
    alias: {
      "~": path.join(root, "src"),
      "server-only": path.join(root, "src/test/empty.ts"),
    },
  },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    // Without Chromium (`npm test` says so and sets E2E_BROWSER=none) the browser-only files are left out;
    // security.test.ts skips its one browser test itself.
    exclude: process.env.E2E_BROWSER === "none" ? ["tests/e2e/dashboard.test.ts", "tests/e2e/public-pages.test.ts"] : [],
    globalSetup: ["./tests/e2e/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // One dev server: files run one after another so page compiles don't starve each other.
    fileParallelism: false,
    pool: "forks",
  },
});
