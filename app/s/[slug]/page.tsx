import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Finder } from "~/components/public/finder/finder";
import { Matrix } from "~/components/public/matrix/matrix";
import { PageShell } from "~/components/public/page-shell";
import { parseSelection } from "~/components/public/selection";
import { clientAddressOf } from "~/server/api/trpc";
import { HTML_RENDER_HEADER, htmlRenderSecret } from "~/server/api/public-html";
import { db } from "~/server/db";
import { firstScreen, publicPageInfo } from "~/server/pages";
import { publicRateLimiter } from "~/server/ratelimit";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { getTenant } from "../tenant";
import { changesFeedLinks } from "./changes/feed-links";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The published page, or null when this tenant has no such page; resolved once per render. */
const loadPage = cache(async (slug: string) => {
  const tenant = await getTenant();
  if (!tenant || slug.length === 0 || slug.length > 64) return null;
  try {
    return await publicPageInfo(db, tenant.org, slug);
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
    throw err;
  }
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { slug } = await params;
  const page = await loadPage(decodeURIComponent(slug));
  if (!page) return { title: "Page not found" };
  return { title: `${page.name} · ${page.orgName}`, alternates: await changesFeedLinks(slug, await searchParams) };
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
  const page = await loadPage(slug);
  if (!page) notFound();
  const heads = await headers();
  // The whole-HTML cache's own render was charged already (src/server/api/public-html.ts).
  const charged = heads.get(HTML_RENDER_HEADER) === htmlRenderSecret();
  const verdict = charged ? { allowed: true, retryAfterSeconds: 0 } : await publicRateLimiter().hit(`${tenant.org.id}:${clientAddressOf(heads)}`);
  if (!verdict.allowed) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many requests; retry in ${verdict.retryAfterSeconds}s` });
  const shell = { orgName: page.orgName, homeHref: tenant.basePath || "/", title: page.name };
  const screen = await firstScreen(db, tenant.org, page, parseSelection(await searchParams, page.dimensions.length + 1));

  if (screen.matrix) {
    return (
      <PageShell {...shell} wide description="Every entry checked against every target. Columns are grouped; hover, tap or focus a cell for the details.">
        <Matrix slug={slug} first={screen.matrix.data} />
      </PageShell>
    );
  }

  const qc = getQueryClient();
  for (const o of screen.options) qc.setQueryData(trpc.public.options.queryKey(o.input), o.data);
  if (screen.summary) qc.setQueryData(trpc.public.summary.queryKey(screen.summary.input), screen.summary.data);
  return (
    <PageShell {...shell} description="Choose your setup step by step to see what is compatible with it, and why.">
      <HydrateClient>
        <Finder page={page} />
      </HydrateClient>
    </PageShell>
  );
}
