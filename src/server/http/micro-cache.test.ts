import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forgetSharedResponses, sharedLifetimeMs, withMicroCache, type MicroCacheOptions } from "./micro-cache";

type Reply = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const servers: Server[] = [];
afterEach(async () => {
  forgetSharedResponses();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server whose "app" answers with `reply` and counts how often it was asked. */
async function serve(reply: Reply, opts: Partial<MicroCacheOptions> = {}) {
  const state = { calls: 0, t: 1_000_000 };
  const handler = withMicroCache({ ttlMs: 500, maxBytes: 1 << 20, maxEntryBytes: 1 << 16, now: () => state.t, ...opts }, async (req, res) => {
    state.calls++;
    await reply(req, res);
  });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path = "/a", headers: Record<string, string> = {}, method = "GET") => {
    const r = await fetch(base + path, { headers, method });
    return { status: r.status, body: await r.text(), headers: r.headers };
  };
  return { state, get };
}

const shareable: Reply = (req, res) => {
  res.setHeader("cache-control", "public, s-maxage=10, stale-while-revalidate=60");
  res.setHeader("etag", '"v1"');
  res.setHeader("x-request-id", "from-app");
  res.end(`answer for ${req.url}`);
};

describe("the micro-cache", () => {
  it("answers a second request for a shareable response from memory, byte for byte, with its own request id", async () => {
    const app = await serve(shareable);
    const first = await app.get("/a?x=1");
    const second = await app.get("/a?x=1");
    expect(app.state.calls).toBe(1);
    expect([first.headers.get("x-compat-cache"), second.headers.get("x-compat-cache")]).toEqual([null, "hit"]);
    expect(second.body).toBe(first.body);
    expect(second.headers.get("etag")).toBe('"v1"');
    expect(second.headers.get("cache-control")).toBe("public, s-maxage=10, stale-while-revalidate=60");
    expect(second.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Another URL or another host is another entry.
    await app.get("/a?x=2");
    await app.get("/a?x=1", { "x-forwarded-host": "ignored" });
    expect(app.state.calls).toBe(2);
  });

  it("keeps apart what differs in a header of the key (host, encoding)", async () => {
    const app = await serve(shareable);
    await app.get("/a", { "accept-encoding": "gzip" });
    await app.get("/a", { "accept-encoding": "identity" });
    await app.get("/a", { "accept-encoding": "gzip" });
    expect(app.state.calls).toBe(2);
  });

  it("never answers the whole-HTML cache's own render of a page from memory (src/server/api/public-html.ts)", async () => {
    const app = await serve(shareable);
    await app.get("/page");
    await app.get("/page");
    expect(app.state.calls).toBe(1);
    const render = await app.get("/page", { "x-compat-html-render": "secret" });
    expect(render.headers.get("x-compat-cache")).toBeNull();
    expect(app.state.calls).toBe(2);
  });

  it("answers 304 to a matching If-None-Match, and HEAD without a body", async () => {
    const app = await serve(shareable);
    await app.get();
    const notModified = await app.get("/a", { "if-none-match": '"v1"' });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe("");
    const other = await app.get("/a", { "if-none-match": '"v0"' });
    expect(other.status).toBe(200);
    const head = await app.get("/a", {}, "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
    expect(app.state.calls).toBe(1);
  });

  it("never keeps what the app did not declare shareable", async () => {
    const cases: Array<[string, Reply]> = [
      ["private", (_q, s) => void (s.setHeader("cache-control", "private, max-age=60"), s.end("x"))],
      ["no s-maxage", (_q, s) => void (s.setHeader("cache-control", "public, max-age=60"), s.end("x"))],
      ["no-store", (_q, s) => void (s.setHeader("cache-control", "public, s-maxage=5, no-store"), s.end("x"))],
      ["a cookie", (_q, s) => void (s.setHeader("cache-control", "public, s-maxage=5"), s.setHeader("set-cookie", "a=1"), s.end("x"))],
      ["not 200", (_q, s) => void ((s.statusCode = 404), s.setHeader("cache-control", "public, s-maxage=5"), s.end("x"))],
      ["varies on a cookie", (_q, s) => void (s.setHeader("cache-control", "public, s-maxage=5"), s.setHeader("vary", "Cookie"), s.end("x"))],
      ["headers given to writeHead", (_q, s) => void (s.writeHead(200, { "Cache-Control": "private" }), s.end("x"))],
    ];
    for (const [name, reply] of cases) {
      const app = await serve(reply);
      await app.get();
      await app.get();
      expect(app.state.calls, name).toBe(2);
    }
  });

  it("keeps a response whose headers went to writeHead, and one written in chunks", async () => {
    const app = await serve((_q, s) => {
      s.writeHead(200, { "Cache-Control": "public, s-maxage=5", "Content-Type": "text/plain" });
      s.write("one ");
      s.write(Buffer.from("two "));
      s.end("three");
    });
    await app.get();
    const again = await app.get();
    expect(app.state.calls).toBe(1);
    expect(again.body).toBe("one two three");
    expect(again.headers.get("content-type")).toBe("text/plain");
  });

  it("does not cache POST", async () => {
    const app = await serve(shareable);
    await app.get("/a", {}, "POST");
    await app.get("/a", {}, "POST");
    expect(app.state.calls).toBe(2);
  });

  it("holds an entry for ttlMs; then one request refreshes it while the others get the old copy, for at most another ttlMs", async () => {
    let version = 1;
    let release: () => void = () => {};
    const app = await serve(async (_q, s) => {
      const v = version;
      if (v === 2) await new Promise<void>((r) => (release = r));
      s.setHeader("cache-control", "public, s-maxage=10");
      s.end(`v${v}`);
    });
    expect((await app.get()).body).toBe("v1");
    app.state.t += 499;
    expect((await app.get()).body).toBe("v1");
    expect(app.state.calls).toBe(1);

    app.state.t += 2; // past fresh
    version = 2;
    const refreshing = app.get();
    await new Promise((r) => setTimeout(r, 50));
    expect((await app.get()).body).toBe("v1"); // served stale while the refresh runs
    expect(app.state.calls).toBe(2);
    release();
    expect((await refreshing).body).toBe("v2");
    expect((await app.get()).body).toBe("v2");
    expect(app.state.calls).toBe(2);

    // Past the stale bound nothing old is served: the next request goes to the app.
    app.state.t += 1001;
    version = 3;
    expect((await app.get()).body).toBe("v3");
  });

  it("is emptied by forgetSharedResponses (a publish in this process)", async () => {
    const app = await serve(shareable);
    await app.get();
    forgetSharedResponses();
    await app.get();
    expect(app.state.calls).toBe(2);
  });

  it("stays within its byte budget, dropping the least recently used, and passes a too large response through", async () => {
    const app = await serve((req, s) => {
      s.setHeader("cache-control", "public, s-maxage=10");
      s.end(req.url === "/big" ? "x".repeat(5000) : "y".repeat(900));
    }, { maxBytes: 2500, maxEntryBytes: 4096 });
    await app.get("/1");
    await app.get("/2");
    await app.get("/1"); // /1 is now the most recently used
    await app.get("/3"); // over budget: /2 goes
    expect(app.state.calls).toBe(3);
    await app.get("/1");
    expect(app.state.calls).toBe(3);
    await app.get("/2");
    expect(app.state.calls).toBe(4);
    await app.get("/big");
    await app.get("/big");
    expect(app.state.calls).toBe(6);
  });

  it("is off at ttlMs 0", async () => {
    const app = await serve(shareable, { ttlMs: 0 });
    await app.get();
    await app.get();
    expect(app.state.calls).toBe(2);
  });
});

describe("sharedLifetimeMs", () => {
  it("reads s-maxage from a public response", () => {
    expect(sharedLifetimeMs(200, { "cache-control": "public, s-maxage=10, stale-while-revalidate=60" })).toBe(10_000);
    expect(sharedLifetimeMs(200, { "cache-control": "public, s-maxage=10", vary: "RSC, Accept-Encoding" })).toBe(10_000);
    expect(sharedLifetimeMs(200, { "cache-control": "s-maxage=10" })).toBeNull();
    expect(sharedLifetimeMs(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" })).toBeNull();
  });
});
