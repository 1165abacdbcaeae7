/**
 * Public procedures are rate-limited per client IP and tenant (docs/limits.md): with the default
 * limiter (300 per minute from the environment), with a small injected one, with the Redis one,
 * and over HTTP through the real middleware and the real `/api/trpc` route handler (429 with
 * `Retry-After`). The e2e harness server runs with PUBLIC_RATE_LIMIT=100000 so that browser tests
 * never trip it; that is why the HTTP checks live here, in process, against the same code.
 */
import { Redis } from "ioredis";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "~/env";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { createMemoryRateLimiter, publicRateLimiter } from "~/server/ratelimit";
import { setPublicRateLimiter } from "~/server/test-support";
import { createRedisRateLimiter } from "~/server/ratelimit/redis";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { contextFor, createTestOrg, uid, type TestOrg } from "~/test/helpers";
import { Figures, outcome } from "./harness.test-support";

vi.mock("@workos-inc/authkit-nextjs", () => ({ authkit: vi.fn(), partitionAuthkitHeaders: vi.fn(), applyResponseHeaders: vi.fn() }));
const { middleware } = await import("../../../middleware");
const route = await import("../../../app/api/trpc/[trpc]/route");

const figures = new Figures();
afterAll(() => figures.print("rate limits"));
afterEach(() => setPublicRateLimiter(null));

let a: TestOrg;
let b: TestOrg;
beforeAll(async () => {
  a = await createTestOrg({ tier: "team" });
  b = await createTestOrg({ tier: "team" });
  for (const org of [a, b]) {
    const { page } = await seedExamplePage(org, { slug: "limited" });
    await org.caller.pages.publish({ pageId: page.id });
  }
});

const tenantOf = (org: TestOrg) => ({ by: "slug" as const, value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });
function visitor(org: TestOrg, clientIp: string) {
  const resHeaders = new Headers();
  return { caller: createCaller(contextFor(null, { tenant: tenantOf(org), clientIp, resHeaders })), resHeaders };
}

describe("the default limiter", () => {
  it(`answers TOO_MANY_REQUESTS with Retry-After on request ${env.PUBLIC_RATE_LIMIT + 1} of a window, per client and tenant`, async () => {
    setPublicRateLimiter(null); // the one the environment configures
    expect(env.PUBLIC_RATE_LIMIT).toBe(300);
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}-${uid()}`;
    const v = visitor(a, ip);
    const procedures = [() => v.caller.public.page({ slug: "limited" }), () => v.caller.public.options({ slug: "limited", level: 0, path: [] }), () => v.caller.public.result({ slug: "limited", path: ["web"] })];
    for (let i = 0; i < env.PUBLIC_RATE_LIMIT; i++) {
      expect(await outcome(procedures[i % 3]!()), `request ${i + 1}`).toBe("OK");
    }
    expect(v.resHeaders.get("retry-after")).toBeNull();
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("TOO_MANY_REQUESTS");
    const retry = Number(v.resHeaders.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(env.PUBLIC_RATE_WINDOW_MS / 1000);
    // Every public procedure is limited, including ones for slugs that do not exist.
    for (const call of [() => v.caller.public.matrix({ slug: "limited" }), () => v.caller.public.result({ slug: "limited", path: [] }), () => v.caller.public.page({ slug: "nope" })]) {
      expect(await outcome(call())).toBe("TOO_MANY_REQUESTS");
    }
    figures.add("requests until the default limit", env.PUBLIC_RATE_LIMIT + 1);
    // Other clients of the tenant, and the same client on another tenant, are not affected.
    expect(await outcome(visitor(a, `${ip}-other`).caller.public.page({ slug: "limited" }))).toBe("OK");
    expect(await outcome(visitor(b, ip).caller.public.page({ slug: "limited" }))).toBe("OK");
    // Admin procedures are not counted against the public limit: the same limited client, signed
    // in, is served and never asks the limiter, while its next public call still does (and is refused).
    const asked: string[] = [];
    const limiter = publicRateLimiter();
    setPublicRateLimiter({ hit: (key) => (asked.push(key), limiter.hit(key)) });
    const admin = createCaller(contextFor(a.session, { tenant: tenantOf(a), clientIp: ip }));
    expect(await outcome(admin.pages.list())).toBe("OK");
    expect(await outcome(admin.sync.status())).toBe("OK");
    expect(asked).toEqual([]);
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("TOO_MANY_REQUESTS");
    expect(asked).toEqual([`${a.session.org.id}:${ip}`]);
  }, 60_000);
});

describe("an injected small limiter", () => {
  it("refuses request limit+1, and allows again after the window", async () => {
    let now = 1_000_000;
    setPublicRateLimiter(createMemoryRateLimiter(5, 30_000, () => now));
    const v = visitor(a, "203.0.113.5");
    for (let i = 0; i < 5; i++) expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("OK");
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("TOO_MANY_REQUESTS");
    expect(v.resHeaders.get("retry-after")).toBe("30");
    now += 12_000;
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("TOO_MANY_REQUESTS");
    expect(v.resHeaders.get("retry-after")).toBe("18");
    now += 18_000;
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("OK");
  });
});

// `npm test` sets TEST_REDIS=none (and says so) when it found no Redis and could start none.
describe.skipIf(process.env.TEST_REDIS === "none")("the Redis limiter (127.0.0.1:6379)", () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it("is shared by app instances and answers TOO_MANY_REQUESTS with Retry-After", async () => {
    const prefix = `reliability:${uid()}:`;
    const one = createRedisRateLimiter(redis, 4, 10_000, prefix);
    const two = createRedisRateLimiter(redis, 4, 10_000, prefix);
    const v = visitor(a, "192.0.2.77");
    for (let i = 0; i < 4; i++) {
      setPublicRateLimiter(i % 2 === 0 ? one : two); // requests land on alternating instances
      expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("OK");
    }
    setPublicRateLimiter(one);
    expect(await outcome(v.caller.public.page({ slug: "limited" }))).toBe("TOO_MANY_REQUESTS");
    const retry = Number(v.resHeaders.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(10);
    // Keys are per tenant and client.
    expect(await outcome(visitor(b, "192.0.2.77").caller.public.page({ slug: "limited" }))).toBe("OK");
    expect(await outcome(visitor(a, "192.0.2.78").caller.public.page({ slug: "limited" }))).toBe("OK");
    figures.add("Redis-limited requests", 7);
  });
});

/* ── Over HTTP: middleware → /api/trpc route handler ────────────────────────────────────── */

/** A visitor's request as it reaches the route: through the real middleware (rewrite + headers). */
async function throughMiddleware(url: string, headers: Record<string, string>): Promise<Request> {
  const res = await middleware(new NextRequest(url, { headers }));
  const names = (res.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  const forwarded = new Headers();
  for (const name of names) forwarded.set(name, res.headers.get(`x-middleware-request-${name}`) ?? "");
  const target = res.headers.get("x-middleware-rewrite") ?? url;
  return new Request(target, { headers: forwarded });
}

describe("over HTTP through the middleware and the real route handler", () => {
  const input = encodeURIComponent(JSON.stringify({ json: { slug: "limited" } }));

  it("answers 429 with Retry-After (and the request id) once the limit is reached", async () => {
    setPublicRateLimiter(createMemoryRateLimiter(3, 60_000));
    const url = `http://localhost:3000/p/${a.session.org.slug}/api/trpc/public.page?input=${input}`;
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 4; i++) {
      const req = await throughMiddleware(url, { host: "localhost:3000", "x-forwarded-for": "203.0.113.99" });
      last = await route.GET(req);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last!.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await last!.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
    figures.add("HTTP requests through middleware + route", 4);
  });

  it("a batched request counts each procedure call", async () => {
    setPublicRateLimiter(createMemoryRateLimiter(3, 60_000));
    const batch = encodeURIComponent(JSON.stringify({ 0: { json: { slug: "limited" } }, 1: { json: { slug: "limited" } }, 2: { json: { slug: "limited" } }, 3: { json: { slug: "limited" } } }));
    const url = `http://localhost:3000/p/${a.session.org.slug}/api/trpc/public.page,public.page,public.page,public.page?batch=1&input=${batch}`;
    const res = await route.GET(await throughMiddleware(url, { host: "localhost:3000", "x-forwarded-for": "203.0.113.100" }));
    const items = (await res.json()) as { error?: { json: { data: { code: string } } } }[];
    // The calls of a batch run concurrently, so which one meets the limit is not fixed; how many is.
    expect(items.map((i) => i.error?.json.data.code ?? "OK").sort()).toEqual(["OK", "OK", "OK", "TOO_MANY_REQUESTS"]);
    expect(res.headers.get("retry-after")).toBeTruthy();
  });

  it("a client behind an appending proxy cannot escape the limit by forging X-Forwarded-For", async () => {
    setPublicRateLimiter(createMemoryRateLimiter(3, 60_000));
    const url = `http://localhost:3000/p/${a.session.org.slug}/api/trpc/public.page?input=${input}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The client sends a fresh "X-Forwarded-For: <anything>"; the proxy appends the address it saw.
      const req = await throughMiddleware(url, { host: "localhost:3000", "x-forwarded-for": `10.0.0.${i}, 203.0.113.200` });
      statuses.push((await route.GET(req)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("the client address is the one the nearest proxy saw", async () => {
    const ipOf = async (xff: string | null, realIp: string | null) => {
      const headers = new Headers();
      if (xff !== null) headers.set("x-forwarded-for", xff);
      if (realIp !== null) headers.set("x-real-ip", realIp);
      return (await createTRPCContext({ headers, db: a.scope.db })).clientIp;
    };
    expect(await ipOf("203.0.113.1", null)).toBe("203.0.113.1");
    expect(await ipOf("6.6.6.6, 203.0.113.1", null)).toBe("203.0.113.1");
    expect(await ipOf("6.6.6.6,203.0.113.1 ", "7.7.7.7")).toBe("203.0.113.1");
    expect(await ipOf(null, "203.0.113.2")).toBe("203.0.113.2");
    expect(await ipOf(" , ", "203.0.113.3")).toBe("203.0.113.3");
    expect(await ipOf(null, null)).toBe("unknown");
  });
});

describe("request size bound at the route", () => {
  it("a body declared over 60 MiB is refused with 413 before anything is parsed", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
        if (pulled > 4) controller.close();
      },
    });
    const req = new Request("http://localhost:3000/api/trpc/sources.datasets.import", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(61 * 1024 * 1024), authorization: "Bearer cpk_x" },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await route.POST(req);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled).toBeLessThanOrEqual(1);
  });
});

describe("request size bound for bodies without Content-Length", () => {
  const chunked = (bytes: number, fill = 32) => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(fill);
    return {
      read: () => sent,
      body: new ReadableStream<Uint8Array>({
        pull(c) {
          if (sent >= bytes) return c.close();
          const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
          sent += part.length;
          c.enqueue(part);
        },
      }),
    };
  };
  const post = (path: string, body: ReadableStream<Uint8Array>) =>
    route.POST(new Request(`http://localhost:3000/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit));

  it("a chunked body is cut off at 60 MiB with 413 (it used to be read whole, by anyone)", async () => {
    const big = chunked(80 * 1024 * 1024);
    const res = await post("auth.devSignIn", big.body);
    expect(res.status).toBe(413);
    expect(big.read()).toBeLessThan(70 * 1024 * 1024);
  }, 60_000);

  it("a chunked body under the bound still works", async () => {
    const text = new TextEncoder().encode(JSON.stringify({ json: { email: `chunked-${uid()}@example.test`, newOrganization: { name: "Chunked" } } }));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(text.subarray(0, 10));
        c.enqueue(text.subarray(10));
        c.close();
      },
    });
    const res = await post("auth.devSignIn", body);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain("compat_dev_session=");
  });
});
