import path from "node:path";
import mysql from "mysql2/promise";
import { migrate as migrateMysql } from "drizzle-orm/mysql2/migrator";
import { migrate as migratePlanetScale } from "drizzle-orm/planetscale-serverless/migrator";
import { createDb, driverFor } from "./client";

const migrationsFolder = path.resolve(import.meta.dirname, "../../../drizzle");

/** Creates the database named in a local MySQL/MariaDB URL if it is missing (not for PlanetScale). */
export async function ensureDatabase(url: string): Promise<void> {
  if (driverFor(url) !== "mysql2") return;
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}" must be letters, digits or _`);
  u.pathname = "/";
  const conn = await mysql.createConnection({ uri: u.toString() });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/** Drops a local database (tests only). */
export async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(name)) return;
  u.pathname = "/";
  const conn = await mysql.createConnection({ uri: u.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/** Applies the committed SQL migrations in `drizzle/`. */
export async function migrateDatabase(url: string): Promise<void> {
  const handle = createDb(url);
  try {
    if (handle.driver === "planetscale") {
      await migratePlanetScale(handle.db as never, { migrationsFolder });
    } else {
      await migrateMysql(handle.db as never, { migrationsFolder });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Checks that the server answers, and turns the usual failures into a sentence that says what to
 * install or set — the first thing a new developer sees when nothing is running.
 */
export async function checkReachable(url: string): Promise<void> {
  if (driverFor(url) !== "mysql2") return;
  const u = new URL(url);
  u.pathname = "/";
  try {
    const conn = await mysql.createConnection({ uri: u.toString(), connectTimeout: 5000 });
    await conn.end();
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    const where = `${u.hostname}:${u.port || 3306}`;
    const hint =
      code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "ENOTFOUND"
        ? `No MySQL/MariaDB server answers at ${where}. Install and start one (Debian: apt-get install mariadb-server && service mariadb start, or start-stop-daemon --start --background --exec /usr/sbin/mariadbd), or set DATABASE_URL to a reachable MySQL 8 / MariaDB ≥ 10.11 / PlanetScale database.`
        : code === "ER_ACCESS_DENIED_ERROR"
          ? `The server at ${where} refused user "${decodeURIComponent(u.username)}". Set DATABASE_URL with a user that may create databases (default: root with an empty password).`
          : `Cannot connect to ${where}: ${(err as Error).message}. Set DATABASE_URL to a reachable MySQL-compatible database.`;
    throw new Error(hint);
  }
}
