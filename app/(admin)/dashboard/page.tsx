import type { Metadata } from "next";
import { Overview } from "~/components/dashboard/overview";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardHome() {
  await preload(trpc.org.usage.queryOptions(), trpc.pages.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Overview" description="From schemas to a published page in four steps; the highlighted one is next." />
      <Overview />
    </HydrateClient>
  );
}
