import type { Metadata } from "next";
import { PageHeader } from "~/components/dashboard/page-parts";
import { PageList } from "~/components/dashboard/pages/page-list";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Pages" };

export default async function PagesPage() {
  await preload(trpc.pages.list.queryOptions(), trpc.sources.datasets.list.queryOptions(), trpc.targets.datasets.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Pages & rules" description="Public Finder and Matrix pages, their rules and overrides. Edit the draft, preview it, then publish." />
      <PageList />
    </HydrateClient>
  );
}
