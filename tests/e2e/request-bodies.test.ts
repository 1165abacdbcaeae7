import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "~/server/auth/api-keys";
import { createDb } from "~/server/db/client";
import { upsertOrganization } from "~/server/org/orgs";
import { createApiClient } from "~/trpc/client";
import { createAppsModelsPage } from "./fixtures";
import { startServer, type TestServer } from "./server";

/**
 * The production server (server.ts, what `npm start` runs). Issue 11 item 2: bodies up to the
 * import limit reach the route byte-exact, on a PRODUCTION build — that is where Next 15.5's Node-middleware body clone corrupted them (7 MB one at
 * a time: most lost their first bytes; `next dev` hid it) and where bodies over 10 MB were cut.
 * The route reports sha256 and length of what it read (`x-e2e-body-*`, only on e2e servers).
 */
const MB = 1024 * 1024;
const e2eDatabaseUrl = inject("e2eDatabaseUrl");
let app: TestServer;
let key: string;

beforeAll(async () => {
  const handle = createDb(e2eDatabaseUrl);
  try {
    const org = await upsertOrganization(handle.db, { id: `org_bodies_${Date.now().toString(36)}`, name: "Bodies", slug: `bodies-${Date.now().toString(36)}`, planTier: "team" });
    key = (await createApiKey({ db: handle.db, orgId: org.id, actor: { type: "system", id: "e2e" }, requestId: "e2e-bodies" }, "bodies")).key;
  } finally {
    await handle.close();
  }
  app = await startServer({
    name: "production",
    production: true,
    env: (port) => ({ DATABASE_URL: e2eDatabaseUrl, ROOT_DOMAIN: `localhost:${port}`, LOG_LEVEL: "warn", PUBLIC_RATE_LIMIT: "100000" }),
  });
}, 20 * 60_000);

afterAll(async () => {
  await app?.stop();
});

interface Sent {
  status: number;
  body: string;
  sha256?: string;
  bytes?: number;
}

/** POSTs raw bytes (declared length unless `chunked`); in 256 KiB pieces `paceMs` apart when set. */
function post(path: string, body: Buffer, opts: { contentType?: string; chunked?: boolean; paceMs?: number } = {}): Promise<Sent> {
  const u = new URL(path, app.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: "POST",
        agent: false, // one connection per upload: a reused keep-alive socket can be closed under it
        headers: {
          "content-type": opts.contentType ?? "application/json",
          authorization: `Bearer ${key}`,
          ...(opts.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(body.length) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            sha256: res.headers["x-e2e-body-sha256"] as string | undefined,
            bytes: res.headers["x-e2e-body-bytes"] ? Number(res.headers["x-e2e-body-bytes"]) : undefined,
          }),
        );
      },
    );
    req.on("error", reject);
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout: ${path}`)));
    if (!opts.paceMs) {
      req.end(body); // all at once, as clients send: what made the old clone race show
      return;
    }
    void (async () => {
      for (let i = 0; i < body.length; i += 256 * 1024) {
        if (!req.write(body.subarray(i, i + 256 * 1024))) await new Promise((r) => req.once("drain", r));
        await new Promise((r) => setTimeout(r, opts.paceMs));
      }
      req.end();
    })();
  });
}

/** A script import of `mb` MB of CSV text (non-ASCII included) into a dataset that does not exist. */
function importBody(mb: number): Buffer {
  const line = `${randomBytes(24).toString("hex")},Zürich — 東京 ✓\n`;
  const content = `id,name\n${line.repeat(Math.ceil((mb * MB) / Buffer.byteLength(line)))}`;
  return Buffer.from(JSON.stringify({ json: { datasetId: 2_000_000_000, format: "csv", content } }));
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The route read exactly these bytes and parsed them (the unknown dataset is the first thing it can say). */
function expectWhole(r: Sent, sent: Buffer) {
  expect({ status: r.status, bytes: r.bytes, sha256: r.sha256 }).toEqual({ status: 404, bytes: sent.length, sha256: sha(sent) });
  expect(r.body).toContain("NOT_FOUND");
}

describe("request bodies up to the import limit arrive byte-exact (production build)", () => {
  it.each([1, 7, 12, 49])("%i MB, one at a time", async (mb) => {
    const body = importBody(mb);
    for (let i = 0; i < (mb <= 7 ? 5 : 2); i++) expectWhole(await post("/api/trpc/sources.datasets.import", body), body);
  });

  it("7 MB sent slowly (the body still arriving when the route starts reading)", async () => {
    const body = importBody(7);
    for (let i = 0; i < 3; i++) expectWhole(await post("/api/trpc/sources.datasets.import", body, { paceMs: 5 }), body);
  });

  it.each([
    [1, 16],
    [7, 6],
    [12, 3],
    [49, 2],
  ])("%i MB, %i at once", async (mb, n) => {
    const bodies = Array.from({ length: n }, () => importBody(mb));
    const results = await Promise.all(bodies.map((b) => post("/api/trpc/sources.datasets.import", b)));
    results.forEach((r, i) => expectWhole(r, bodies[i]!));
  });

  it("a 12 MB dashboard upload (multipart FormData) arrives whole", async () => {
    const boundary = `----e2e${randomBytes(8).toString("hex")}`;
    const csv = importBody(12);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="datasetId"\r\n\r\n2000000000\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      csv,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await post("/api/trpc/sources.datasets.import", body, { contentType: `multipart/form-data; boundary=${boundary}` });
    expectWhole(r, body);
  });

  it("a chunked body (no Content-Length) under the bound arrives whole", async () => {
    const body = importBody(12);
    const r = await post("/api/trpc/sources.datasets.import", body, { chunked: true });
    expectWhole(r, body);
  });
});

describe("over the bound: 413 with a clear message, and nothing goes unhandled", () => {
  const tooLarge = (r: Sent) => {
    expect(r.status).toBe(413);
    const parsed = JSON.parse(r.body) as { error: { json: { message: string; data: { code: string } } } };
    expect(parsed.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(parsed.error.json.message).toMatch(/60\.0 MiB.*split/i);
  };

  it("a 61 MiB body with its length declared", async () => {
    tooLarge(await post("/api/trpc/sources.datasets.import", Buffer.alloc(61 * MB, 0x20)));
  });

  it("a 70 MiB chunked body", async () => {
    tooLarge(await post("/api/trpc/sources.datasets.import", Buffer.alloc(70 * MB, 0x20), { chunked: true }));
  });

  it("a client that hangs up halfway through a 40 MB body leaves the server healthy and quiet", async () => {
    const u = new URL("/api/trpc/sources.datasets.import", app.url);
    await new Promise<void>((resolve) => {
      const req = http.request({ hostname: u.hostname, port: u.port, path: u.pathname, method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": String(40 * MB), authorization: `Bearer ${key}` } });
      req.on("error", () => resolve());
      req.write(Buffer.alloc(20 * MB, 0x20), () => setTimeout(() => (req.destroy(), resolve()), 200));
    });
    await new Promise((r) => setTimeout(r, 1000));
    const health = await post("/api/trpc/sources.datasets.import", importBody(1));
    expect(health.status).toBe(404);
  });

  it("the server never logged an unhandled rejection", () => {
    expect(app.output()).not.toMatch(/unhandledRejection|AbortError/);
    // Next warns when it cuts a body for the middleware: only the 70 MiB one above may have been cut.
    expect(app.output().match(/Request body exceeded/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

/**
 * The production server's micro-cache (server.ts, docs/read-path.md): public answers are replayed
 * from memory, and a publish in the same process empties it at once — Next's bundled route code
 * and server.ts share it through one process-wide registry, which only a real server can show.
 */
describe("the production server's shared cache of public answers", () => {
  it("replays a public answer, and a publish is seen by the very next request", async () => {
    const api = createApiClient({ url: app.url, apiKey: key });
    const { organization: org } = await api.org.me.query();
    const page = await createAppsModelsPage(api, { slug: "cached", name: "Cached" }, { apps: [{ id: "a1", name: "App", kind: "web" }], models: [{ id: "m1", label: "Model", tools: false }] });
    const rule = await api.rules.create.mutate({ pageId: page.id, name: "Tools", required: true, weight: 1, logic: { "==": [{ var: "target.tools" }, true] } });
    await api.pages.publish.mutate({ pageId: page.id });

    const url = `${app.url}/p/${org.slug}/api/public/result?slug=cached&path=web`;
    const first = await fetch(url);
    const firstBody = await first.text();
    const again = await fetch(url);
    expect(first.status).toBe(200);
    expect(again.headers.get("x-compat-cache")).toBe("hit");
    expect(await again.text()).toBe(firstBody);

    // A new revision that flips the verdict: the next request must not be the old answer.
    await api.rules.update.mutate({ id: rule.id, logic: { "==": [{ var: "target.tools" }, false] } });
    await api.pages.publish.mutate({ pageId: page.id });
    const after = await fetch(url);
    expect(after.headers.get("x-compat-cache")).toBeNull();
    expect(after.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(await after.text()).not.toBe(firstBody);
  });
});
