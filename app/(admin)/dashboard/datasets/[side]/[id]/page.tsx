import type { Metadata } from "next";
import { DatasetDetail } from "~/components/dashboard/datasets/dataset-detail";
import { preload } from "~/components/dashboard/preload";
import { idParam, sideParam } from "~/components/dashboard/route-params";
import { HydrateClient, trpc } from "~/trpc/server";
import { sideRouter } from "~/trpc/side";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ side: string; id: string }> }) {
  const p = await params;
  const side = sideParam(p.side);
  const id = idParam(p.id);
  const api = sideRouter(trpc, side);
  await preload(api.datasets.get.queryOptions({ id }), api.imports.list.queryOptions({ datasetId: id, limit: 10 }));
  return (
    <HydrateClient>
      <DatasetDetail side={side} datasetId={id} />
    </HydrateClient>
  );
}
