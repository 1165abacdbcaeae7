/**
 * Which sites may frame an organization's public pages and embeds (docs/embeds.md): its
 * `embedOrigins` setting, sent as the `frame-ancestors` directive of Content-Security-Policy.
 * `null` (the default): any site; `[]`: none; otherwise exactly the origins listed.
 */
import { badRequest } from "~/server/errors";

export const MAX_EMBED_ORIGINS = 20;

/** `https://example.com`, `http://localhost:5173`, `https://*.example.com`: scheme, host (optionally `*.`), port. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

/** Checked and normalised (lowercase, no trailing slash, no duplicates); a clear 400 names the bad entry. */
export function normalizeEmbedOrigins(input: string[] | null): string[] | null {
  if (input === null) return null;
  if (input.length > MAX_EMBED_ORIGINS) throw badRequest(`At most ${MAX_EMBED_ORIGINS} origins may frame embeds; ${input.length} were given`, { field: "embedOrigins" });
  const out: string[] = [];
  input.forEach((raw, i) => {
    const origin = raw.trim().toLowerCase().replace(/\/$/, "");
    if (!ORIGIN.test(origin)) {
      throw badRequest(`"${raw}" is not an origin: write the scheme and host, optionally a port, e.g. https://example.com or https://*.example.com (no path)`, {
        field: `embedOrigins.${i}`,
      });
    }
    if (!out.includes(origin)) out.push(origin);
  });
  return out;
}

/** The CSP header value for an organization's public pages and embeds. */
export function frameAncestors(origins: string[] | null | undefined): string {
  if (origins === null || origins === undefined) return "frame-ancestors *";
  return origins.length === 0 ? "frame-ancestors 'none'" : `frame-ancestors ${origins.join(" ")}`;
}
