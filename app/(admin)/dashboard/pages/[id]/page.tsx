import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { publicOrigins } from "~/components/dashboard/origin";
import { PageEditor } from "~/components/dashboard/pages/page-editor";
import { preload } from "~/components/dashboard/preload";
import { idParam } from "~/components/dashboard/route-params";
import { activeCustomSubdomain } from "~/server/limits/tiers";
import { HydrateClient, api, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Page editor" };

/** Public addresses of a page: `/p/{orgSlug}/{slug}` always; the custom subdomain while the plan allows it. */
function publicUrls(origins: Awaited<ReturnType<typeof publicOrigins>>, org: Parameters<typeof activeCustomSubdomain>[0] & { slug: string }) {
  const urls = [`${origins.appOrigin}/p/${org.slug}/{slug}`];
  const sub = activeCustomSubdomain(org);
  if (sub) urls.push(`${origins.protocol}://${sub}.${origins.rootDomain}/{slug}`);
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
