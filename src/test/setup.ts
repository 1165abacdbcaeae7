import { inject } from "vitest";

// Runs before each test file is imported, so `~/env` sees the run's own database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL ??= "silent";
// Tests write organizations and pages behind the app's back (tier changes, raw SQL) and expect the
// next read to see it: held pointers expire at once unless a test sets a period (docs/read-path.md).
process.env.PUBLIC_POINTER_TTL_MS ??= "0";
