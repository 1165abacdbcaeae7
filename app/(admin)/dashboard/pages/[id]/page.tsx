import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { publicOrigins } from "~/components/dashboard/origin";
import { PageEditor } from "~/components/dashboard/pages/page-editor";
import { preload } from "~/components/dashboard/preload";
import { idParam } from "~/components/dashboard/route-params";
import { HydrateClient, api, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Page editor" };

/** Public addresses of a page: `/p/{orgSlug}/{slug}` always; the subdomain on paid plans. */
function publicUrls(origins: Awaited<ReturnType<typeof publicOrigins>>, org: { slug: string; customSubdomain: string | null; planTier: string }) {
  const urls = [`${origins.appOrigin}/p/${org.slug}/{slug}`];
  if (org.customSubdomain && org.planTier !== "personal") urls.push(`${origins.protocol}://${org.customSubdomain}.${origins.rootDomain}/{slug}`);
  return urls;
}

export default async function PageEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  const [origins, caller] = await Promise.all([publicOrigins(), api()]);
  const [me, usage] = await Promise.all([caller.org.me(), caller.org.usage()]);
  const page = await caller.pages.get({ id }).catch((err: unknown) => {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  await preload(
    trpc.pages.get.queryOptions({ id }),
    trpc.rules.list.queryOptions({ pageId: id }),
    trpc.sources.datasets.get.queryOptions({ id: page.sourceDatasetId }),
    trpc.targets.datasets.get.queryOptions({ id: page.targetDatasetId }),
  );
  const ruleLimit = usage.lines.find((l) => l.limit === "rulesPerPage")?.max ?? null;
  return (
    <HydrateClient>
      <PageEditor pageId={id} publicUrls={publicUrls(origins, me.organization)} ruleLimit={ruleLimit} />
    </HydrateClient>
  );
}
