import { defineConfig } from "drizzle-kit";

// Only `generate` is used: `push` misbehaves on MariaDB after the first run.
export default defineConfig({
  dialect: "mysql",
  schema: "./src/server/db/schema.ts",
  out: "./drizzle",
});
