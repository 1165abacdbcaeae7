import type { Metadata } from "next";
import { DatasetList } from "~/components/dashboard/datasets/dataset-list";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  await preload(
    trpc.sources.definitions.list.queryOptions(),
    trpc.targets.definitions.list.queryOptions(),
    trpc.sources.datasets.list.queryOptions(),
    trpc.targets.datasets.list.queryOptions(),
  );
  return (
    <HydrateClient>
      <PageHeader title="Datasets" description={
          <>
            Rows of your sources and targets. Import CSV files here, or with <code className="rounded bg-slate-100 px-1 text-xs">npm run import</code> from a script.
          </>
        } />
      <DatasetList />
    </HydrateClient>
  );
}
