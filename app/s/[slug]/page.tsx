import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Finder } from "~/components/public/finder/finder";
import { Matrix } from "~/components/public/matrix/matrix";
import { PageShell } from "~/components/public/page-shell";
import { parseSelection } from "~/components/public/selection";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";
import { redirectWhenRateLimited } from "../rate-limited";
import { getTenant } from "../tenant";
import { changesFeedLinks } from "./changes/feed-links";

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Rows asked for in the first Matrix slice (the server may return fewer for wide matrices). */
const MATRIX_FIRST_ROWS = 50;

/** The published page, or null when this tenant has no such page (the tenant comes from the context). */
const loadPage = cache(async (slug: string) => {
  try {
    return await getQueryClient().fetchQuery(trpc.public.page.queryOptions({ slug }));
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    // The render's one charge of the rate limit is made here, first (src/trpc/server.tsx).
    const basePath = (await getTenant())?.basePath ?? "";
    redirectWhenRateLimited(err, basePath, `${basePath}/${encodeURIComponent(slug)}`);
    throw err;
  }
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { slug } = await params;
  const page = (await getTenant()) ? await loadPage(decodeURIComponent(slug)) : null;
  if (!page) return { title: "Page not found" };
  return { title: `${page.name} · ${page.orgName}`, alternates: await changesFeedLinks(slug, await searchParams) };
}

/**
 * A published public page. Renders fully on the server: the page, and for a Finder the options
 * and result of the selection in the URL (for a Matrix its first slice), then hydrates.
 */
export default async function PublicPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  const slug = decodeURIComponent((await params).slug);
  const page = await loadPage(slug);
  if (!page) notFound();
  const qc = getQueryClient();
  const shell = { orgName: page.orgName, homeHref: tenant.basePath || "/", title: page.name };

  if (page.template === "matrix") {
    const first = await qc.fetchQuery(trpc.public.matrix.queryOptions({ slug, rowOffset: 0, rowLimit: MATRIX_FIRST_ROWS }));
    return (
      <PageShell {...shell} wide description="Every entry checked against every target. Columns are grouped; hover, tap or focus a cell for the details.">
        <Matrix slug={slug} first={first} />
      </PageShell>
    );
  }

  const sel = parseSelection(await searchParams, page.dimensions.length + 1);
  // The options of every level the user can see, and the result if the path is deep enough.
  // The entry level (the rows themselves) too: a shared link must not leave its last dropdown loading.
  const levels = Math.min(sel.path.length + 1, page.dimensions.length + 1);
  await Promise.all([
    ...Array.from({ length: levels }, (_, level) => qc.prefetchQuery(trpc.public.options.queryOptions({ slug, level, path: sel.path.slice(0, level) }))),
    sel.path.length >= page.minDepth ? qc.prefetchQuery(trpc.public.result.queryOptions({ slug, path: sel.path, page: sel.page })) : null,
  ]);
  return (
    <PageShell {...shell} description="Choose your setup step by step to see what is compatible with it, and why.">
      <HydrateClient>
        <Finder page={page} />
      </HydrateClient>
    </PageShell>
  );
}
