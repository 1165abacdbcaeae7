import type { Metadata } from "next";
import { ApiKeys } from "~/components/dashboard/api-keys";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await preload(trpc.org.apiKeys.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="API keys" description="Internal scripts call the API with a key: import data, publish pages, evaluate and export without a browser." />
      <ApiKeys />
    </HydrateClient>
  );
}
