import { describe, expect, it, vi } from "vitest";
// @ts-expect-error next.config.mjs is plain JS and allowJs is off
import nextConfig from "../../../next.config.mjs";
import { boundRequestBody, MAX_REQUEST_BODY_BYTES, MIDDLEWARE_BODY_BUFFER_BYTES } from "./request-body";

vi.mock("@workos-inc/authkit-nextjs", () => ({ authkit: vi.fn(), partitionAuthkitHeaders: vi.fn(), applyResponseHeaders: vi.fn() }));

describe("request bodies reach /api/trpc whole", () => {
  it("Next buffers more of a body for the middleware than the route accepts", () => {
    const buffered = (nextConfig as { experimental?: { middlewareClientMaxBodySize?: number } }).experimental?.middlewareClientMaxBodySize;
    expect(buffered).toBe(MIDDLEWARE_BODY_BUFFER_BYTES);
    expect(MIDDLEWARE_BODY_BUFFER_BYTES - MAX_REQUEST_BODY_BYTES).toBeGreaterThan(64 * 1024);
  });

  it("the middleware runs on the edge runtime (Next 15.5's Node middleware corrupts bodies)", async () => {
    const { config } = await import("../../../middleware");
    expect((config as { runtime?: string }).runtime ?? "edge").toBe("edge");
  });

  it("measures exactly the bytes the route reads", async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
    const bounded = boundRequestBody(new Request("http://x/api/trpc/a", { method: "POST", body: bytes, headers: { "content-length": String(bytes.length) } }), { measure: true });
    if (bounded instanceof Response) throw new Error("refused");
    expect(bounded.digest()).toBeNull();
    expect(new Uint8Array(await bounded.req.arrayBuffer())).toEqual(bytes);
    const { createHash } = await import("node:crypto");
    expect(bounded.digest()).toEqual({ sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
  });

  it("a declared-too-large body is a 413 in tRPC's error shape, batched or not", async () => {
    for (const [url, batched] of [["http://x/api/trpc/a", false], ["http://x/api/trpc/a,b?batch=1", true]] as const) {
      const res = boundRequestBody(new Request(url, { method: "POST", body: "x", headers: { "content-length": String(MAX_REQUEST_BODY_BYTES + 1) } }));
      if (!(res instanceof Response)) throw new Error("accepted");
      expect(res.status).toBe(413);
      const body = (await res.json()) as unknown;
      const error = (batched ? (body as { error: unknown }[])[0]! : body) as { error: { json: { message: string; data: { code: string } } } };
      expect(error.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
      expect(error.error.json.message).toMatch(/60\.0 MiB; the limit is 60\.0 MiB/);
    }
  });
});
