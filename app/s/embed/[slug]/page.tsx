import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Finder } from "~/components/public/finder/finder";
import { Matrix } from "~/components/public/matrix/matrix";
import { EmbedFrame, type EmbedTheme } from "~/components/public/embed/embed-frame";
import { PairCard } from "~/components/public/embed/pair-card";
import { parseSelection } from "~/components/public/selection";
import { HTML_RENDER_HEADER, htmlRenderSecret, renderClientAddress } from "~/server/api/public-html";
import { db } from "~/server/db";
import { firstScreen, publicMatrix, publicPageInfo, publicWhatIf } from "~/server/pages";
import { publicRateLimiter } from "~/server/ratelimit";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { redirectToTooManyRequests } from "../../rate-limited";
import { getTenant } from "../../tenant";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const themeOf = (v: string | undefined): EmbedTheme => (v === "light" || v === "dark" ? v : "auto");

export const metadata: Metadata = { robots: { index: false } };

/**
 * `/embed/{slug}?…` of a tenant (docs/embeds.md): the page's Finder (or Matrix) without the site
 * frame, or one pair (`source` + `target`), for an iframe on another site. `theme=light|dark|auto`.
 * The same server render as the full page (held answers, one rate-limit hit); the framing page
 * learns its height from EmbedFrame. Which sites may frame it: the organization's setting, as a
 * `frame-ancestors` header added by the whole-HTML route (src/server/api/public-html.ts).
 */
export default async function EmbedPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  const slug = decodeURIComponent((await params).slug);
  const query = await searchParams;
  const page = slug.length > 0 && slug.length <= 64 ? await publicPageInfo(db, tenant.org, slug).catch(notFoundOnly) : null;
  if (!page) notFound();
  const heads = await headers();
  const charged = heads.get(HTML_RENDER_HEADER) === htmlRenderSecret();
  const verdict = charged ? { allowed: true, retryAfterSeconds: 0 } : await publicRateLimiter().hit(`${tenant.org.id}:${renderClientAddress(heads)}`);
  // The way back keeps the selection, pair and theme (they live in the query).
  const back = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) back.append(k, x);
  if (!verdict.allowed) redirectToTooManyRequests(tenant.basePath, `${tenant.basePath}/embed/${encodeURIComponent(slug)}${back.size ? `?${back}` : ""}`, verdict.retryAfterSeconds);

  const theme = themeOf(one(query.theme));
  const fullHref = `${tenant.basePath}/${encodeURIComponent(slug)}`;
  const title = (
    <p className="mb-3 flex items-baseline justify-between gap-3 text-sm">
      <span className="font-semibold">{page.name}</span>
      <a href={fullHref} target="_blank" rel="noopener" className="text-indigo-700 underline">
        {page.orgName} ↗
      </a>
    </p>
  );

  const source = one(query.source);
  const target = one(query.target);
  if (source && target) {
    const pair = await publicWhatIf(db, tenant.org, slug, { sourceKey: source.slice(0, 255), targetKey: target.slice(0, 255), changes: {} }).catch((err: unknown) => {
      if (err instanceof TRPCError && err.code === "BAD_REQUEST") return null;
      throw err;
    });
    const features = new Map((await publicMatrix(db, tenant.org, slug, 0, 1)).features.map((f) => [f.id, f.name]));
    return (
      <EmbedFrame theme={theme}>
        {title}
        {pair ? <PairCard pair={pair} featureNames={features} /> : <p role="alert">This page has no such pair.</p>}
      </EmbedFrame>
    );
  }

  const screen = await firstScreen(db, tenant.org, page, parseSelection(query, page.dimensions.length + 1));
  if (screen.matrix) {
    return (
      <EmbedFrame theme={theme}>
        {title}
        <Matrix slug={slug} first={screen.matrix.data} />
      </EmbedFrame>
    );
  }
  const qc = getQueryClient();
  for (const o of screen.options) qc.setQueryData(trpc.public.options.queryKey(o.input), o.data);
  if (screen.summary) qc.setQueryData(trpc.public.summary.queryKey(screen.summary.input), screen.summary.data);
  return (
    <EmbedFrame theme={theme}>
      {title}
      <HydrateClient>
        <Finder page={page} />
      </HydrateClient>
    </EmbedFrame>
  );
}

function notFoundOnly(err: unknown): null {
  if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
  throw err;
}
