import type { Metadata } from "next";
import { Overview } from "~/components/dashboard/overview";
import { PageHeader } from "~/components/dashboard/page-parts";
import { HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "Overview" };

export default function DashboardHome() {
  return (
    <HydrateClient>
      <PageHeader title="Overview" description="From schemas to a published page in four steps." />
      <Overview />
    </HydrateClient>
  );
}
