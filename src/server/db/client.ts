import { drizzle as drizzleMysql } from "drizzle-orm/mysql2";
import { drizzle as drizzlePlanetScale } from "drizzle-orm/planetscale-serverless";
import type { MySqlDatabase, MySqlQueryResultHKT, PreparedQueryHKTBase } from "drizzle-orm/mysql-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import mysql from "mysql2/promise";
import { Client as PlanetScaleClient, cast } from "@planetscale/database";
import * as schema from "./schema";

type Schema = typeof schema;
/** The one database type every domain module takes, whichever driver is behind it. */
export type Db = MySqlDatabase<MySqlQueryResultHKT, PreparedQueryHKTBase, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction handle; domain functions accept `Db | Tx` where they can run inside one. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DriverKind = "planetscale" | "mysql2";

/** PlanetScale's HTTP driver for PlanetScale hosts (or an explicit `planetscale://` URL). */
export function driverFor(url: string): DriverKind {
  const u = new URL(url);
  if (u.protocol === "planetscale:" || u.hostname.endsWith(".psdb.cloud") || u.hostname.endsWith(".connect.psdb.cloud")) {
    return "planetscale";
  }
  return "mysql2";
}

export interface DbHandle {
  db: Db;
  driver: DriverKind;
  close(): Promise<void>;
}

/** Picks the driver from the URL: the only place that knows there are two. */
export function createDb(url: string, opts: { connectionLimit?: number } = {}): DbHandle {
  const driver = driverFor(url);
  if (driver === "planetscale") {
    const u = new URL(url);
    const client = new PlanetScaleClient({
      host: u.hostname,
      username: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      // JSON stays text: the json column type parses it (see json-column.ts for why).
      cast: (field, value) => (field.type === "JSON" && value != null ? (typeof value === "string" ? value : new TextDecoder().decode(value as Uint8Array)) : cast(field, value)),
    });
    const db = drizzlePlanetScale({ client, schema }) as unknown as Db;
    return { db, driver, close: async () => {} };
  }
  const pool = mysql.createPool({
    uri: url,
    connectionLimit: opts.connectionLimit ?? 10,
    // Dates are stored as UTC; keep the driver from shifting them to the host zone.
    timezone: "Z",
    supportBigNumbers: true,
    bigNumberStrings: false,
    // JSON stays text: the json column type parses it (see json-column.ts for why).
    jsonStrings: true,
  });
  const db = drizzleMysql(pool, { schema, mode: "default" }) as unknown as Db;
  return { db, driver, close: () => pool.end() };
}
