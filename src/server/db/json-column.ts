import { customType } from "drizzle-orm/mysql-core";

/** `\udXXX` in JSON text: JSON.stringify writes a lone UTF-16 surrogate this way (paired ones stay raw). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, "\uFFFD");

/** JSON.stringify replacer: strings and object keys with lone surrogates get U+FFFD instead. */
function wellFormedJson(_key: string, value: unknown): unknown {
  if (typeof value === "string") return wellFormed(value);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, wellFormed(k), { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/**
 * Text for the column. The server's JSON check (MariaDB `JSON_VALID`, MySQL's JSON type) refuses
 * escaped lone surrogates (`"\ud800"`), which any user text can contain (a JS string is UTF-16):
 * they are replaced by U+FFFD, as a VARCHAR column stores them, instead of failing the write.
 */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return SURROGATE_ESCAPE.test(text) ? JSON.stringify(value, wellFormedJson) : text;
}

/**
 * A JSON column that reads back as a value on every MySQL dialect we run on.
 *
 * Both drivers are told to hand JSON back as text (`createDb`: mysql2 `jsonStrings`, a PlanetScale
 * `cast`), and it is parsed here. Letting a driver parse it is not enough: a stored JSON *string*
 * (`"abc"`, a valid rule) would come back as `abc`, which cannot be told apart from raw text —
 * parsing it again threw, or silently turned `"123"` into 123. Text from any other path (MariaDB
 * LONGTEXT, older drivers) is parsed the same way.
 */
export const json = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType() {
      return "json";
    },
    toDriver(value: T): string {
      return toJsonText(value);
    },
    fromDriver(value: unknown): T {
      if (typeof value === "string") return JSON.parse(value) as T;
      if (Buffer.isBuffer(value)) return JSON.parse(value.toString("utf8")) as T;
      return value as T;
    },
  })(name);
