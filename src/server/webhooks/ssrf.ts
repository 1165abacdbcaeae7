/**
 * The SSRF guard (docs/webhooks.md): in production a webhook never goes to a private, loopback,
 * link-local, or otherwise non-public address — checked on the URL when a hook is saved and on every
 * resolved address right before each delivery (a DNS name can change what it points at).
 * Development and tests allow them, so a local receiver works.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export interface GuardOptions {
  /** Defaults to `NODE_ENV === "production"`. */
  production?: boolean;
  resolve?: (host: string) => Promise<string[]>;
}

const isProduction = () => process.env.NODE_ENV === "production";

function v4Private(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) || a >= 224
  );
}

/** True for addresses a production webhook must not reach. */
export function isNonPublicAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return v4Private(ip);
  if (kind !== 6) return true;
  const x = ip.toLowerCase().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
  if (mapped) return v4Private(mapped[1]!);
  // URL parsing writes IPv4-mapped addresses in hex: ::ffff:7f00:1 is 127.0.0.1.
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(x);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return v4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return x === "::" || x === "::1" || /^f[cd]/.test(x) || /^fe[89ab]/.test(x) || /^ff/.test(x) || x.startsWith("64:ff9b:") || x.startsWith("2001:db8");
}

/** Why this URL may not receive webhooks, or null when it may. */
export async function refuseUrl(raw: string, opts: GuardOptions = {}): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a valid URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "only http and https URLs can receive webhooks";
  if (url.username || url.password) return "URLs with credentials are not allowed";
  if (!(opts.production ?? isProduction())) return null;
  if (url.protocol !== "https:") return "production webhooks must use https";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return `${host} is not a public host`;
  const addresses = isIP(host) ? [host] : await (opts.resolve ?? resolveAll)(host).catch(() => []);
  if (addresses.length === 0) return `${host} does not resolve`;
  const bad = addresses.find(isNonPublicAddress);
  return bad ? `${host} resolves to a non-public address (${bad})` : null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}
