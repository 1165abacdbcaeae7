import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { OFF_THREAD_JSON_BYTES, parseJsonBytes, withOffThreadJson } from "./json-body";

const bytes = (s: string) => new TextEncoder().encode(s);

function bigBody(mb: number): string {
  const line = JSON.stringify({ id: "x", name: "Zürich — 東京 ✓ \"quoted\"", n: 1 });
  const content = Array.from({ length: Math.ceil((mb * 1024 * 1024) / line.length) }, (_, i) => line.replace('"x"', `"r${i}"`)).join("\n");
  return JSON.stringify({ json: { datasetId: 1, format: "json", content } });
}

describe("parseJsonBytes", () => {
  it("parses small bodies in place and large ones on the worker, to the same value", async () => {
    expect(await parseJsonBytes(bytes('{"a":[1,"é"]}'))).toEqual({ a: [1, "é"] });
    const text = bigBody(2);
    expect(text.length).toBeGreaterThan(OFF_THREAD_JSON_BYTES);
    expect(await parseJsonBytes(bytes(text))).toEqual(JSON.parse(text));
  });

  it("rejects invalid JSON with a SyntaxError, either way, and keeps working after", async () => {
    await expect(parseJsonBytes(bytes("{nope"))).rejects.toBeInstanceOf(SyntaxError);
    await expect(parseJsonBytes(bytes(`{"a":"${"x".repeat(OFF_THREAD_JSON_BYTES)}"`))).rejects.toBeInstanceOf(SyntaxError);
    expect(await parseJsonBytes(bytes(`{"a":"${"y".repeat(OFF_THREAD_JSON_BYTES)}"}`))).toEqual({ a: "y".repeat(OFF_THREAD_JSON_BYTES) });
  });

  it("answers concurrent parses each with its own value", async () => {
    const texts = [1, 2, 3].map((k) => JSON.stringify({ k, pad: "p".repeat(OFF_THREAD_JSON_BYTES + k) }));
    const out = (await Promise.all(texts.map((t) => parseJsonBytes(bytes(t))))) as { k: number }[];
    expect(out.map((o) => o.k)).toEqual([1, 2, 3]);
  });

  it("a 45 MB body never holds the event loop the way JSON.parse does", async () => {
    const text = bigBody(45);
    const raw = bytes(text);
    const h = monitorEventLoopDelay({ resolution: 5 });
    const t = performance.now();
    JSON.parse(new TextDecoder().decode(raw));
    const inPlaceMs = performance.now() - t;
    h.enable();
    // Keep the loop turning so the histogram samples while the worker parses.
    const ticker = setInterval(() => undefined, 1);
    try {
      await parseJsonBytes(raw);
    } finally {
      clearInterval(ticker);
      h.disable();
    }
    const max = h.max / 1e6;
    console.log(`[json-body] 45 MB: in place ${inPlaceMs.toFixed(0)} ms in one turn; off thread: max event-loop delay ${max.toFixed(1)} ms`);
    expect(max).toBeLessThan(Math.max(200, inPlaceMs / 2));
  }, 60_000);
});

describe("withOffThreadJson", () => {
  const post = (body: string, headers: Record<string, string>) => new Request("http://localhost/api/trpc/x", { method: "POST", body, headers });

  it("wraps JSON POSTs that may be large, lazily; leaves the rest alone", async () => {
    const small = post("{}", { "content-type": "application/json", "content-length": "2" });
    expect(withOffThreadJson(small)).toBe(small);
    const form = post("a=1", { "content-type": "application/x-www-form-urlencoded" });
    expect(withOffThreadJson(form)).toBe(form);
    const text = bigBody(1);
    const big = post(text, { "content-type": "application/json; charset=utf-8" });
    const wrapped = withOffThreadJson(big);
    expect(wrapped).not.toBe(big);
    expect(big.bodyUsed).toBe(false); // nothing read until tRPC asks
    expect(wrapped.headers.get("content-type")).toMatch(/application\/json/);
    expect(await wrapped.json()).toEqual(JSON.parse(text));
    expect(big.bodyUsed).toBe(true);
  });
});
