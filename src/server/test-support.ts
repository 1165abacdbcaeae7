/**
 * The one entry through which tests reach into production modules: seams that exist so a test can
 * prove "a cache hit computes nothing" or "request 5 of 4 is refused". Only test code imports this
 * file, and the seams are imported from nowhere else (src/server/test-support.test.ts checks both).
 */

/** Results computed (cache misses) per kind: finder pages, matrix slices, pair checks. */
export { evaluationCounter } from "./pages/read/compute";
/** Swaps the public procedures' rate limiter (e.g. a tiny limit); `null` restores the configured one. */
export { setPublicRateLimiter } from "./ratelimit";
/** Another proxy set-up (TRUSTED_PROXY_HOPS, CLIENT_IP_HEADER) for the client address; `null` restores the environment's. */
export { setClientAddressConfig } from "./http/client-address";
