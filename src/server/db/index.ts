import "server-only";
import { env } from "~/env";
import { createDb, type DbHandle } from "./client";

// One pool per process; survives Next's dev hot reloads via globalThis.
const globalForDb = globalThis as unknown as { dbHandle?: DbHandle };

/** The app's database. Domain modules receive it as an argument; only entry points import this. */
export const dbHandle: DbHandle = globalForDb.dbHandle ?? createDb(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.dbHandle = dbHandle;
export const db = dbHandle.db;
export type { Db, Tx, DbOrTx } from "./client";
