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
    globalSetup: ["./tests/e2e/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // One dev server: files run one after another so page compiles don't starve each other.
    fileParallelism: false,
    pool: "forks",
  },
});
