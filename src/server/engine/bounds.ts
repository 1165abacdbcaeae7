import type { RuleError } from "./types";

export const DEFAULT_MAX_BYTES = 64 * 1024;
export const DEFAULT_MAX_DEPTH = 32;

/** Appends an object key to a JSON path: `.and` for identifiers, `["=="]` otherwise. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number;
}

function framePath(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | null = frame; f && f.parent; f = f.parent) keys.push(f.key);
  return keys.reverse().reduce<string>((p, k) => childPath(p, k), "$");
}

/**
 * Checks nesting depth without recursion (rule JSON arrives already parsed, possibly 10,000 levels
 * deep), reporting the path of the first node that is too deep. `maxNodes` bounds the walk: shared
 * sub-trees (possible in objects built in code) could otherwise expand exponentially.
 */
export function checkDepth(value: unknown, maxDepth: number, maxNodes: number): RuleError | null {
  const stack: Frame[] = [{ value, depth: 1, parent: null, key: "" }];
  let visited = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (++visited > maxNodes) return { path: "$", message: `the rule holds more than ${maxNodes} values, so its JSON is over the ${maxNodes}-byte limit` };
    if (typeof v !== "object" || v === null) continue;
    if (frame.depth > maxDepth) {
      for (let f = frame.parent; f; f = f.parent) {
        if (f.value === v) return { path: framePath(frame), message: "the rule contains itself (a circular reference, not JSON)" };
      }
      return { path: framePath(frame), message: `nesting is deeper than ${maxDepth} levels; simplify the rule` };
    }
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return null;
}

/** UTF-8 byte length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Checks the serialized size; call only after `checkDepth` passed (serializing is recursive). */
export function checkSize(value: unknown, maxBytes: number): RuleError | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    return { path: "$", message: `the rule is not plain JSON: ${(e as Error).message}` };
  }
  if (text === undefined) return { path: "$", message: "the rule is not a JSON value" };
  const bytes = utf8Length(text);
  if (bytes > maxBytes) return { path: "$", message: `the rule is ${bytes} bytes of JSON; the limit is ${maxBytes}` };
  return null;
}
