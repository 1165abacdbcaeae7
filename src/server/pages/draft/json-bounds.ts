/**
 * Size and depth bounds for JSON a client sends (rule logic). Measured iteratively and with an
 * early exit, so a 10,000-deep or 5 MB value is refused without recursion and without first
 * serialising all of it.
 */
export interface JsonBounds {
  maxBytes: number;
  maxDepth: number;
}

/** Rule logic bounds: generous for real rules (the spec's examples are < 1 KiB, depth 5). */
export const RULE_BOUNDS: JsonBounds = { maxBytes: 64 * 1024, maxDepth: 32 };

export type BoundsProblem = { kind: "depth" | "size" | "type"; message: string };

/**
 * Walks `value` with an explicit stack; approximates its JSON byte size (exact for strings,
 * close for numbers) and stops at the first bound crossed.
 */
export function checkJsonBounds(value: unknown, bounds: JsonBounds = RULE_BOUNDS): BoundsProblem | null {
  const stack: [unknown, number][] = [[value, 1]];
  let bytes = 0;
  const tooBig = (): BoundsProblem => ({
    kind: "size",
    message: `rule logic is larger than ${Math.round(bounds.maxBytes / 1024)} KiB`,
  });
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === "boolean") bytes += 5;
    else if (typeof v === "number") bytes += 24;
    else if (typeof v === "string") bytes += Buffer.byteLength(v, "utf8") + 2;
    else if (typeof v === "object") {
      if (depth > bounds.maxDepth) {
        return { kind: "depth", message: `rule logic is nested deeper than ${bounds.maxDepth} levels` };
      }
      bytes += 2;
      if (Array.isArray(v)) {
        bytes += v.length;
        if (bytes > bounds.maxBytes) return tooBig();
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], depth + 1]);
      } else {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          return { kind: "type", message: "rule logic must be plain JSON (objects, arrays, strings, numbers, booleans, null)" };
        }
        for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
          bytes += Buffer.byteLength(k, "utf8") + 4;
          if (bytes > bounds.maxBytes) return tooBig();
          stack.push([child, depth + 1]);
        }
      }
    } else {
      return { kind: "type", message: `rule logic must be JSON; found a ${typeof v}` };
    }
    if (bytes > bounds.maxBytes) return tooBig();
  }
  return null;
}
