import type { Metadata } from "next";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { Webhooks } from "~/components/dashboard/webhooks";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await preload(trpc.org.webhooks.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Webhooks" description="Signed HTTP calls when a page is published, verdicts change or an import finishes (docs/webhooks.md)." />
      <Webhooks />
    </HydrateClient>
  );
}
