import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Finder } from "~/components/public/finder/finder";
import { Matrix } from "~/components/public/matrix/matrix";
import { PageShell } from "~/components/public/page-shell";
import { AsOfNotice } from "~/components/public/as-of-notice";
import { AsOfProvider } from "~/components/public/public-context";
import { parseRevision, parseSelection } from "~/components/public/selection";
import { HTML_RENDER_HEADER, htmlRenderSecret, renderClientAddress } from "~/server/api/public-html";
import { db } from "~/server/db";
import { firstScreen, publicPageInfo } from "~/server/pages";
import { publicRateLimiter } from "~/server/ratelimit";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { redirectToTooManyRequests } from "../rate-limited";
import { getTenant } from "../tenant";
import { changesFeedLinks } from "./changes/feed-links";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The published page (as of `revision` when given), or null when this tenant has no such page; resolved once per render. */
const loadPage = cache(async (slug: string, revision: number | undefined) => {
  const tenant = await getTenant();
  if (!tenant || slug.length === 0 || slug.length > 64) return null;
  try {
    return await publicPageInfo(db, tenant.org, slug, revision);
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
    throw err;
  }
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { slug } = await params;
  const page = await loadPage(decodeURIComponent(slug), parseRevision(await searchParams));
  if (!page) return { title: "Page not found" };
  const asOf = page.revision === page.liveRevision ? "" : ` (revision ${page.revision})`;
  return { title: `${page.name}${asOf} · ${page.orgName}`, alternates: await changesFeedLinks(slug, await searchParams) };
}

/**
 * A published public page. Renders on the server from the held answers (tenant, page and answers
 * each resolved once; a warm render runs no SQL — docs/read-path.md), then hydrates: for a Finder
 * the options of the visible levels and the selection's first-screen summary, for a Matrix its
 * first slice. One rate-limit hit per render. Without a query string the middleware sends visitors
 * to the whole-HTML cache (src/server/api/public-html.ts), which renders through here once per state.
 */
export default async function PublicPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  const slug = decodeURIComponent((await params).slug);
  const query = await searchParams;
  const page = await loadPage(slug, parseRevision(query));
  if (!page) notFound();
  const asOf = page.revision === page.liveRevision ? undefined : page.revision;
  const heads = await headers();
  // The whole-HTML cache's own render was charged already (src/server/api/public-html.ts).
  const charged = heads.get(HTML_RENDER_HEADER) === htmlRenderSecret();
  const verdict = charged ? { allowed: true, retryAfterSeconds: 0 } : await publicRateLimiter().hit(`${tenant.org.id}:${renderClientAddress(heads)}`);
  // A render cannot answer 429 itself: the visitor is sent to the 429 page (app/s/rate-limited.ts).
  // The way back keeps the visitor's selection and view (they live in the query).
  if (!verdict.allowed) redirectToTooManyRequests(tenant.basePath, `${tenant.basePath}/${encodeURIComponent(slug)}${searchOf(query)}`, verdict.retryAfterSeconds);
  const shell = { orgName: page.orgName, homeHref: tenant.basePath || "/", title: page.name };
  const screen = await firstScreen(db, tenant.org, page, parseSelection(query, page.dimensions.length + 1));
  const notice = asOf !== undefined && <AsOfNotice revision={asOf} liveRevision={page.liveRevision} publishedAt={page.publishedAt} pageHref={`${tenant.basePath}/${encodeURIComponent(slug)}`} />;

  if (screen.matrix) {
    return (
      <PageShell {...shell} wide description="Every entry checked against every target. Columns are grouped; hover, tap or focus a cell for the details.">
        {notice}
        <AsOfProvider revision={asOf}>
          <Matrix slug={slug} first={screen.matrix.data} />
        </AsOfProvider>
      </PageShell>
    );
  }

  const qc = getQueryClient();
  for (const o of screen.options) qc.setQueryData(trpc.public.options.queryKey(o.input), o.data);
  if (screen.summary) qc.setQueryData(trpc.public.summary.queryKey(screen.summary.input), screen.summary.data);
  return (
    <PageShell {...shell} description="Choose your setup step by step to see what is compatible with it, and why.">
      {notice}
      <HydrateClient>
        <AsOfProvider revision={asOf}>
          <Finder page={page} />
        </AsOfProvider>
      </HydrateClient>
    </PageShell>
  );
}

function searchOf(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of v === undefined ? [] : Array.isArray(v) ? v : [v]) params.append(k, one);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}
