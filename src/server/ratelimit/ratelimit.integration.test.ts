import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryRateLimiter } from "./index";
import { createRedisRateLimiter } from "./redis";

describe("in-memory rate limiter", () => {
  it("allows `limit` hits per window per key, then answers with the seconds to wait", async () => {
    let now = 1_000_000;
    const rl = createMemoryRateLimiter(3, 10_000, () => now);
    for (let i = 0; i < 3; i++) expect((await rl.hit("a")).allowed).toBe(true);
    const refused = await rl.hit("a");
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 10 });
    expect((await rl.hit("b")).allowed).toBe(true);
    now += 10_000;
    expect((await rl.hit("a")).allowed).toBe(true);
  });
});

// `npm test` sets TEST_REDIS=none (and says so) when it found no Redis and could start none.
describe.skipIf(process.env.TEST_REDIS === "none")("Redis rate limiter (the Redis on 127.0.0.1:6379)", () => {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  afterAll(() => redis.quit());

  it("shares the count across limiter instances (as across app instances)", async () => {
    const prefix = `test:${Date.now()}:${Math.random()}:`;
    const one = createRedisRateLimiter(redis, 2, 5_000, prefix);
    const two = createRedisRateLimiter(redis, 2, 5_000, prefix);
    expect((await one.hit("tenant:ip")).allowed).toBe(true);
    expect((await two.hit("tenant:ip")).allowed).toBe(true);
    const third = await one.hit("tenant:ip");
    expect(third.allowed).toBe(false);
    expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(5);
  });

  it("lets requests through when Redis is down rather than failing the page", async () => {
    const dead = new Redis("redis://127.0.0.1:1", { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const rl = createRedisRateLimiter(dead, 1, 1000);
    expect((await rl.hit("x")).allowed).toBe(true);
    expect((await rl.hit("x")).allowed).toBe(true);
    dead.disconnect();
  });
});
