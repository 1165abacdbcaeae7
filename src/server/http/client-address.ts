/**
 * The client address public rate limits are keyed by (docs/limits.md "Client address"). One function
 * for the tRPC context and the public HTTP fast path; the middleware (edge runtime) uses
 * `untrustedForwardingHeaders` from here too, so this file imports nothing Node-only.
 *
 * - `CLIENT_IP_HEADER` (e.g. `x-vercel-forwarded-for`, `x-real-ip`): a header the platform in front
 *   of the app always overwrites. When present it is the address.
 * - `TRUSTED_PROXY_HOPS = 0` (default, no proxy): the address the socket gave. Next reports it only
 *   in `X-Forwarded-For`, and only when the request has none (`??=` in Next's base server), so the
 *   middleware drops any the client sent and what the route sees is the socket's address.
 * - `TRUSTED_PROXY_HOPS = N`: N proxies, each appending the address it saw; the Nth entry from the
 *   right is the one the outermost trusted proxy saw. Entries left of it are the client's own words.
 */
import { env } from "~/env";

export interface ClientAddressConfig {
  /** Proxies in front of the app that append to X-Forwarded-For. */
  hops: number;
  /** A platform header holding the client address (lower case), or null. */
  header: string | null;
}

let override: ClientAddressConfig | null = null;

export function clientAddressConfig(): ClientAddressConfig {
  return override ?? { hops: env.TRUSTED_PROXY_HOPS, header: env.CLIENT_IP_HEADER ?? null };
}

/** Test seam (through ~/server/test-support): another proxy set-up; null restores the environment's. */
export function setClientAddressConfig(config: ClientAddressConfig | null): void {
  override = config;
}

const entries = (value: string | null) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

export function clientAddressOf(headers: Headers, config: ClientAddressConfig = clientAddressConfig()): string {
  if (config.header) {
    // A platform header is one address; if it ever holds a list, the last entry is the platform's own.
    const platform = entries(headers.get(config.header)).at(-1);
    if (platform) return platform;
  }
  const forwarded = entries(headers.get("x-forwarded-for"));
  if (forwarded.length === 0) return "unknown";
  // 0 hops: the middleware left only Next's own entry (the socket's address), the last one.
  const hops = Math.max(1, config.hops);
  // Fewer entries than proxies: the request skipped some; the leftmost is as far as anyone vouches.
  return forwarded[Math.max(0, forwarded.length - hops)]!;
}

/**
 * Request headers the middleware must not pass on: with no trusted proxy, any X-Forwarded-For came
 * from the client, and dropping it makes Next fill in the socket's address.
 */
export function untrustedForwardingHeaders(config: ClientAddressConfig = clientAddressConfig()): string[] {
  return config.hops === 0 ? ["x-forwarded-for"] : [];
}
