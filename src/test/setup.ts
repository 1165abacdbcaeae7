import { inject } from "vitest";

// Runs before each test file is imported, so `~/env` sees the run's own database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL ??= "silent";
