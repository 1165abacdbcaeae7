import { customType } from "drizzle-orm/mysql-core";

/**
 * A JSON column that reads back as a value on every MySQL dialect we run on.
 *
 * MySQL 8 / PlanetScale return JSON columns parsed; MariaDB stores JSON as LONGTEXT and older
 * mysql2 versions hand back the raw string. Parsing strings here makes both read the same.
 */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType() {
      return "json";
    },
    toDriver(value: T): string {
      return JSON.stringify(value);
    },
    fromDriver(value: unknown): T {
      if (typeof value === "string") return JSON.parse(value) as T;
      if (Buffer.isBuffer(value)) return JSON.parse(value.toString("utf8")) as T;
      return value as T;
    },
  })(name);
