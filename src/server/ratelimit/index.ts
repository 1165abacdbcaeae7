import { env } from "~/env";

export interface RateVerdict {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateVerdict>;
}

/** Fixed-window counter in process memory: right for one instance and for development. */
export function createMemoryRateLimiter(limit: number, windowMs: number, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    async hit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        // Keep the map bounded: drop expired windows when it grows.
        if (windows.size > 50_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
      }
      w.count++;
      const allowed = w.count <= limit;
      return { allowed, remaining: Math.max(0, limit - w.count), retryAfterSeconds: allowed ? 0 : Math.ceil((w.start + windowMs - t) / 1000) };
    },
  };
}

/**
 * Verdicts already charged for a request's calls (the public fast path charges a batch before it
 * knows whether it can answer it). When the request falls back to tRPC, each call takes one of these
 * instead of hitting the limiter again, so no call is counted twice.
 */
export interface PrepaidVerdicts {
  allowed: number;
  denied: number;
  retryAfterSeconds: number;
}

/** One prepaid verdict, or null when none is left (then the limiter decides). */
export function takePrepaid(prepaid: PrepaidVerdicts | undefined): RateVerdict | null {
  if (!prepaid) return null;
  if (prepaid.allowed > 0) {
    prepaid.allowed--;
    return { allowed: true, remaining: 0, retryAfterSeconds: 0 };
  }
  if (prepaid.denied > 0) {
    prepaid.denied--;
    return { allowed: false, remaining: 0, retryAfterSeconds: prepaid.retryAfterSeconds };
  }
  return null;
}

/**
 * One limiter per process, kept on globalThis: Next bundles route handlers and page renders as
 * separate module instances, and a module-level limiter gave each its own count (a visitor's API
 * calls and page views were limited separately, each to the full limit).
 */
const SLOT = Symbol.for("compat.publicRateLimiter");
const slot = globalThis as typeof globalThis & { [SLOT]?: RateLimiter | null };

/** The limiter for public procedures (per client IP and tenant): Redis when `REDIS_URL` is set. */
export function publicRateLimiter(): RateLimiter {
  let instance = slot[SLOT] ?? null;
  if (!instance) {
    if (env.REDIS_URL) {
      const url = env.REDIS_URL;
      // Loaded lazily so deployments without Redis never open a connection.
      const pending = Promise.all([import("ioredis"), import("./redis")]).then(([{ Redis }, { createRedisRateLimiter }]) =>
        createRedisRateLimiter(new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }), env.PUBLIC_RATE_LIMIT, env.PUBLIC_RATE_WINDOW_MS),
      );
      instance = { hit: async (key) => (await pending).hit(key) };
    } else {
      instance = createMemoryRateLimiter(env.PUBLIC_RATE_LIMIT, env.PUBLIC_RATE_WINDOW_MS);
    }
    slot[SLOT] = instance;
  }
  return instance;
}

/** A test seam, imported through ~/server/test-support: tests swap the limiter (e.g. a tiny limit) and restore it. */
export function setPublicRateLimiter(limiter: RateLimiter | null): void {
  slot[SLOT] = limiter;
}
