// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import {
  ConvexSyncError,
  createConvexHttpSink,
  MAX_DELIVERIES_PER_REQUEST,
  packRequests,
  type Delivery,
} from "./convex-sink";

type Seen = { method?: string; url?: string; authorization?: string; body: unknown };
type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let server: Server | undefined;

/** A stand-in for the Convex HTTP action on 127.0.0.1 and an ephemeral port. */
async function fakeConvex(handler: Handler): Promise<{ siteUrl: string; requests: Seen[] }> {
  const requests: Seen[] = [];
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const seen: Seen = {
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(raw || "null"),
      };
      requests.push(seen);
      handler(req, res, seen);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { siteUrl: `http://127.0.0.1:${port}`, requests };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const reply =
  (status: number, body: unknown): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

const remove = (id: string): Delivery => ({
  id,
  kind: "page-remove",
  organizationId: "org_a",
  orgSlug: "acme",
  pageId: "page_1",
  revisionId: 3,
  data: {},
});

describe("createConvexHttpSink", () => {
  test("POSTs the batch to /sync with the bearer secret and resolves on 200", async () => {
    const fake = await fakeConvex(reply(200, { applied: 1, ignored: 0 }));
    const sink = createConvexHttpSink({ siteUrl: `${fake.siteUrl}/`, secret: "s3cret" });

    await sink.deliver([remove("ob-1")]);

    expect(fake.requests).toEqual([
      { method: "POST", url: "/sync", authorization: "Bearer s3cret", body: { deliveries: [remove("ob-1")] } },
    ]);
  });

  test("sends nothing for an empty batch and splits large ones in order", async () => {
    const fake = await fakeConvex(reply(200, { applied: 0, ignored: 0 }));
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret" });

    await sink.deliver([]);
    expect(fake.requests).toHaveLength(0);

    const many = Array.from({ length: MAX_DELIVERIES_PER_REQUEST + 1 }, (_, i) => remove(`ob-${i}`));
    await sink.deliver(many);
    const sizes = fake.requests.map((r) => (r.body as { deliveries: Delivery[] }).deliveries.length);
    expect(sizes).toEqual([MAX_DELIVERIES_PER_REQUEST, 1]);
    expect((fake.requests[1]?.body as { deliveries: Delivery[] }).deliveries[0]?.id).toBe(
      `ob-${MAX_DELIVERIES_PER_REQUEST}`,
    );
  });

  test("keeps each request under the byte budget without reordering; an oversized delivery goes alone", () => {
    const big = (id: string): Delivery => ({
      ...remove(id),
      kind: "result-cache",
      data: {
        cacheKey: id,
        kind: "finder",
        selectionHash: "s",
        page: 1,
        sourceVersion: 1,
        targetVersion: 1,
        payload: "x".repeat(400),
      },
    });
    const requests = packRequests([remove("a"), big("b"), big("c"), remove("d"), big("e")], 100, 1000);

    expect(requests.map((r) => r.ids)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    for (const r of requests) {
      const parsed = JSON.parse(r.body) as { deliveries: Delivery[] };
      expect(parsed.deliveries.map((d) => d.id)).toEqual(r.ids);
    }
    expect(packRequests([big("huge")], 100, 10).map((r) => r.ids)).toEqual([["huge"]]);
  });

  test("a 400 is not retryable and names the outbox ids of the refused request", async () => {
    const fake = await fakeConvex(reply(400, { error: "deliveries[1].data.template: expected one of ..." }));
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret" });

    const error = (await sink.deliver([remove("ob-1"), remove("ob-2")]).catch((e: unknown) => e)) as ConvexSyncError;
    expect(error).toMatchObject({ status: 400, retryable: false, deliveryIds: ["ob-1", "ob-2"] });
    expect(error.message).toContain("deliveries[1].data.template");
  });

  test("throws with the status on 401, without leaking the secret", async () => {
    const fake = await fakeConvex(reply(401, { error: "unauthorized" }));
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "wrong-secret" });

    const error = await sink.deliver([remove("ob-1")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexSyncError);
    expect(error).toMatchObject({
      status: 401,
      retryable: true,
      message: expect.stringContaining("answered 401: unauthorized"),
    });
    expect((error as Error).message).not.toContain("wrong-secret");
  });

  test("throws on 500 with the server's message", async () => {
    const fake = await fakeConvex(reply(500, { error: "delivery ob-1 failed: boom", applied: 0, ignored: 0 }));
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret" });

    await expect(sink.deliver([remove("ob-1")])).rejects.toMatchObject({
      name: "ConvexSyncError",
      status: 500,
      retryable: true,
      message: expect.stringContaining("delivery ob-1 failed: boom"),
    });
  });

  test("throws on a non-JSON error page", async () => {
    const fake = await fakeConvex((_req, res) => res.writeHead(502).end("Bad Gateway"));
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret" });

    await expect(sink.deliver([remove("ob-1")])).rejects.toThrow("answered 502: Bad Gateway");
  });

  test("gives up after the timeout when Convex does not answer", async () => {
    const fake = await fakeConvex(() => {
      // never answers
    });
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret", timeoutMs: 100 });

    const started = Date.now();
    const error = await sink.deliver([remove("ob-1")]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: undefined,
      retryable: true,
      message: expect.stringMatching(/timed out after 100 ms/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("reports an unreachable deployment as a failure", async () => {
    const fake = await fakeConvex(reply(200, {}));
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const sink = createConvexHttpSink({ siteUrl: fake.siteUrl, secret: "s3cret" });

    await expect(sink.deliver([remove("ob-1")])).rejects.toThrow(ConvexSyncError);
  });

  test("uses an injected fetch and refuses a missing secret or a bad URL up front", async () => {
    const calls: string[] = [];
    const fetchStub: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ applied: 1, ignored: 0 }), { status: 200 });
    };
    await createConvexHttpSink({ siteUrl: "https://x.convex.site", secret: "s", fetch: fetchStub }).deliver([
      remove("a"),
    ]);
    expect(calls).toEqual(["https://x.convex.site/sync"]);

    expect(() => createConvexHttpSink({ siteUrl: "https://x.convex.site", secret: "" })).toThrow(/secret is required/);
    expect(() => createConvexHttpSink({ siteUrl: "not a url", secret: "s" })).toThrow(/siteUrl is not a URL/);
  });
});
