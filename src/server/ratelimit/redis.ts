import type { Redis } from "ioredis";
import { log } from "~/server/log";
import type { RateLimiter } from "./index";

// INCR and set the window's expiry atomically; returns [count, ms left in the window].
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return { n, ttl }
`;

/**
 * Fixed-window limiter shared by every app instance through Redis. If Redis is unreachable the
 * request is let through (and logged): a cache outage must not take the public pages down.
 */
export function createRedisRateLimiter(redis: Redis, limit: number, windowMs: number, prefix = "compat:rl:"): RateLimiter {
  return {
    async hit(key) {
      try {
        const [count, ttl] = (await redis.eval(SCRIPT, 1, `${prefix}${key}`, String(windowMs))) as [number, number];
        const allowed = count <= limit;
        return { allowed, remaining: Math.max(0, limit - count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttl / 1000)) };
      } catch (err) {
        log("warn", "rate limiter: redis unavailable, allowing request", { error: (err as Error).message });
        return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
      }
    },
  };
}
