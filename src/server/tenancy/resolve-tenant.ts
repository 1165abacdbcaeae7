/**
 * Host/path → tenant, pure. The middleware calls it on every request and the tRPC context trusts
 * only what the middleware derived from it (never a header the client sent).
 */

export type TenantRef =
  /** `{sub}.{ROOT_DOMAIN}`: a paid organization's custom subdomain. */
  | { by: "subdomain"; value: string; basePath: "" }
  /** `/p/{orgSlug}/…`: any organization, by slug. */
  | { by: "slug"; value: string; basePath: string };

export interface TenantResolution {
  tenant: TenantRef | null;
  /** The path inside the tenant (`/p/acme/x` → `/x`); the request path when there is no tenant. */
  path: string;
}

/**
 * Names that belong to the platform itself, never to a tenant: not as a subdomain, and not as an
 * organization slug either (slugs and subdomains are one namespace: src/server/org/namespace.ts).
 */
export const RESERVED_SUBDOMAINS: ReadonlySet<string> = new Set([
  "www", "app", "api", "admin", "dashboard", "static", "assets", "p", "s",
  "auth", "login", "signin", "signup", "account", "billing", "settings", "docs", "help", "support",
  "status", "blog", "mail", "smtp", "cdn", "internal", "system", "root",
]);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** DNS-safe label, and not the `---` that separates a preview host's branch. */
export function isValidSubdomainLabel(label: string): boolean {
  return LABEL.test(label) && !label.includes("---");
}

export function isValidSubdomain(label: string): boolean {
  return isValidSubdomainLabel(label) && !RESERVED_SUBDOMAINS.has(label);
}

function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const i = host.lastIndexOf(":");
  return i === -1 ? host : host.slice(0, i);
}

/**
 * The tenant subdomain of a host, or null. Knows three forms:
 * `acme.example.com` (ROOT_DOMAIN = example.com), `acme.localhost[:port]`, and preview hosts
 * `acme---branch.anything` (Vercel-style, where the platform cannot use wildcard subdomains).
 */
export function extractSubdomain(rawHost: string, rootDomain: string): string | null {
  const host = stripPort(rawHost.trim().toLowerCase());
  const root = stripPort(rootDomain.trim().toLowerCase());
  if (!host) return null;

  const first = host.split(".")[0] ?? "";
  if (first.includes("---")) {
    const sub = first.split("---")[0] ?? "";
    return isValidSubdomain(sub) ? sub : null;
  }
  if (host.endsWith(".localhost")) {
    const sub = host.slice(0, -".localhost".length);
    return isValidSubdomain(sub) ? sub : null;
  }
  if (root && root !== "localhost" && host.endsWith(`.${root}`)) {
    const sub = host.slice(0, -(root.length + 1));
    return isValidSubdomain(sub) ? sub : null;
  }
  return null;
}

/** `/p/{orgSlug}/rest` → tenant by slug; otherwise the host decides. */
export function resolveTenant(host: string, pathname: string, rootDomain: string): TenantResolution {
  const sub = extractSubdomain(host, rootDomain);
  if (sub) return { tenant: { by: "subdomain", value: sub, basePath: "" }, path: pathname || "/" };

  const m = /^\/p\/([^/]+)(\/.*)?$/.exec(pathname);
  if (m) {
    // A slug is plain ASCII: any escape in it (`%ZZ` would even throw URIError) makes it no slug.
    const slug = (m[1] ?? "").toLowerCase();
    if (LABEL.test(slug)) {
      return { tenant: { by: "slug", value: slug, basePath: `/p/${slug}` }, path: m[2] ?? "/" };
    }
  }
  return { tenant: null, path: pathname };
}

/** Header names the middleware owns. Any incoming copy is deleted before it sets its own. */
export const TENANT_HEADER = "x-compat-tenant";
export const REQUEST_ID_HEADER = "x-request-id";

export function encodeTenantHeader(t: TenantRef): string {
  return JSON.stringify(t);
}

export function decodeTenantHeader(value: string | null | undefined): TenantRef | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Partial<TenantRef>;
    if ((v.by === "subdomain" || v.by === "slug") && typeof v.value === "string" && LABEL.test(v.value)) {
      return v.by === "subdomain"
        ? { by: "subdomain", value: v.value, basePath: "" }
        : { by: "slug", value: v.value, basePath: `/p/${v.value}` };
    }
  } catch {
    // fall through: a malformed header is no tenant
  }
  return null;
}

/** First path segments the middleware routes itself under a tenant (`/api/…`, `/embed/…`, `/badge/…`): no page may be named so. */
export const RESERVED_PAGE_SLUGS: readonly string[] = ["api", "embed", "badge"];
