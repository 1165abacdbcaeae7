import type { FieldDef } from "../schema-json";

export type FieldValue = string | number | boolean;
export type Coerced = { ok: true; value: FieldValue | undefined } | { ok: false; message: string };

/** Longest string value kept in a row; bounds row size whatever a file holds. */
export const MAX_STRING_LENGTH = 10_000;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "1", "yes"]);
const FALSE = new Set(["false", "0", "no"]);

function describe(raw: unknown): string {
  if (Array.isArray(raw)) return "a list";
  if (raw !== null && typeof raw === "object") return "an object";
  return typeof raw;
}

/**
 * Turns one cell into a field value. CSV cells arrive as strings, JSON values as themselves;
 * both follow the same rules. Empty, whitespace-only and null mean "missing" (`value: undefined`).
 */
export function coerceValue(field: FieldDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined) return { ok: true, value: undefined };
  if (typeof raw === "object") return { ok: false, message: `expected a ${field.type}, got ${describe(raw)}` };
  if (typeof raw === "string") {
    const text = wellFormed(raw.trim());
    if (text === "") return { ok: true, value: undefined };
    return coerceText(field, text);
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { ok: false, message: "is not a finite number" };
    if (field.type === "number") return { ok: true, value: raw };
    if (field.type === "boolean") {
      if (raw === 1 || raw === 0) return { ok: true, value: raw === 1 };
      return { ok: false, message: "is not a boolean (use true/false, 1/0 or yes/no)" };
    }
    return coerceText(field, String(raw));
  }
  if (typeof raw === "boolean") {
    if (field.type === "boolean") return { ok: true, value: raw };
    if (field.type === "string") return { ok: true, value: String(raw) };
    return coerceText(field, String(raw));
  }
  return { ok: false, message: `expected a ${field.type}, got ${describe(raw)}` };
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Half a UTF-16 pair cannot be stored (JSON_VALID refuses its escape): it becomes U+FFFD, as in a VARCHAR. */
function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\uFFFD") : text;
}

function coerceText(field: FieldDef, text: string): Coerced {
  switch (field.type) {
    case "string":
      if (text.length > MAX_STRING_LENGTH) return { ok: false, message: `is longer than ${MAX_STRING_LENGTH} characters` };
      return { ok: true, value: text };
    case "number": {
      // Number("") is 0 and Number("0x10") is 16: only plain decimal notation counts as a number.
      if (!NUMBER.test(text)) return { ok: false, message: "is not a number" };
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: "is not a finite number" };
      return { ok: true, value: n };
    }
    case "boolean": {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: true };
      if (FALSE.has(lower)) return { ok: true, value: false };
      return { ok: false, message: "is not a boolean (use true/false, 1/0 or yes/no)" };
    }
    case "enum": {
      const options = field.options ?? [];
      if (options.includes(text)) return { ok: true, value: text };
      // A differently-cased spelling of exactly one option is that option: spreadsheets re-case things.
      const lower = text.toLowerCase();
      const matches = options.filter((o) => o.toLowerCase() === lower);
      if (matches.length === 1) return { ok: true, value: matches[0]! };
      return { ok: false, message: `is not one of the options (${formatOptions(options)})` };
    }
  }
}

function formatOptions(options: readonly string[]): string {
  const shown = options.slice(0, 10).join(", ");
  return options.length > 10 ? `${shown}, … ${options.length - 10} more` : shown;
}
