/**
 * `GET /badge/{slug}.svg?source={key}&target={key}` (tenant host or `/p/{org}`): one pair's verdict
 * as an SVG badge — "MyApp | works with Claude Sonnet 4 ✓" — for READMEs and docs (docs/embeds.md).
 * The verdict is `public.whatIf`'s (the same evaluation as `GET /api/v1/pages/{slug}/check`); tenant,
 * rate limit, ETag/304 and public Cache-Control are the public read path's (public-http.ts).
 */
import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { Db } from "~/server/db/client";
import { publicError } from "~/server/errors";
import { publicWhatIf } from "~/server/pages";
import type { Verdict } from "~/server/engine/types";
import { chargedTenant, respond } from "./public-http";
import { restQueries } from "./rest/schemas";

const COLORS = { 2: "#2e7d32", 1: "#b26a00", 0: "#c62828", error: "#6b7280" } as const;

export function verdictText(verdict: Verdict, target: string): string {
  if (verdict === 2) return `works with ${target} ✓`;
  if (verdict === 1) return `partly works with ${target} ~`;
  return `does not work with ${target} ✗`;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

/** Rough width of 11px Verdana text: enough for the box to fit; `textLength` makes the text fit the box exactly. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[ilj.,:;'|!1 ]/.test(ch) ? 3.6 : /[mwMW@%]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.6 : 6.6;
  return Math.ceil(w);
}

/** A two-part flat badge; both texts are escaped and clipped to 80 characters. */
export function badgeSvg(left: string, right: string, color: string): string {
  const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  const [l, r] = [clip(left), clip(right)];
  const lw = textWidth(l) + 12;
  const rw = textWidth(r) + 12;
  const w = lw + rw;
  const label = `${l}: ${r}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${escapeXml(label)}"><title>${escapeXml(label)}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${rw}" height="20" fill="${color}"/><rect width="${w}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${lw / 2}" y="14" textLength="${lw - 12}" lengthAdjust="spacingAndGlyphs">${escapeXml(l)}</text><text x="${lw + rw / 2}" y="14" textLength="${rw - 12}" lengthAdjust="spacingAndGlyphs">${escapeXml(r)}</text></g></svg>`;
}

const SVG = "image/svg+xml; charset=utf-8";

/** An error still renders as a badge (an `<img>` shows it), with the error's status and no caching. */
function errorBadge(status: number, message: string): Response {
  return new Response(badgeSvg("compatibility", message, COLORS.error), { status, headers: { "content-type": SVG, "cache-control": "no-store" } });
}

export async function answerBadge(req: Request, file: string, db: Db): Promise<Response> {
  const m = /^(.+)\.svg$/.exec(file);
  if (!m) return errorBadge(404, "not found");
  const slug = m[1]!;
  const params = new URL(req.url).searchParams;
  const q = restQueries.check.safeParse({ source: params.get("source") ?? undefined, target: params.get("target") ?? undefined });
  if (!q.success) return errorBadge(400, `needs ?source=…&target=… (${q.error.issues.map((i) => i.path.join(".")).join(", ")})`);
  const org = await chargedTenant(req, db);
  if (org instanceof Response) return org.status === 429 ? org : errorBadge(org.status, "not found");
  try {
    const pair = await publicWhatIf(db, org, slug, { sourceKey: q.data.source, targetKey: q.data.target, changes: {} });
    const svg = badgeSvg(pair.source.label, verdictText(pair.verdict, pair.target.label), COLORS[pair.verdict]);
    return respond(req, svg, `"b-${createHash("sha256").update(svg).digest("hex")}"`, {}, SVG);
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const e = publicError(err);
    return errorBadge(getHTTPStatusCodeFromError(e), e.code === "NOT_FOUND" ? "page not found" : e.message);
  }
}
