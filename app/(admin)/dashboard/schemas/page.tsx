import type { Metadata } from "next";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { SchemaList } from "~/components/dashboard/schemas/schema-list";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Schemas" };

export default async function SchemasPage() {
  await preload(trpc.sources.definitions.list.queryOptions(), trpc.targets.definitions.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Schemas" description="Define the fields of your sources and targets. Rules and imports are checked against them." />
      <SchemaList />
    </HydrateClient>
  );
}
