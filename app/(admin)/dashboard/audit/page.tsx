import type { Metadata } from "next";
import { AuditLog } from "~/components/dashboard/audit-log";
import { PageHeader } from "~/components/dashboard/page-parts";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await preload(trpc.org.audit.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  return (
    <HydrateClient>
      <PageHeader title="Audit log" description="Who changed what, and when — every admin write and every API-key write." />
      <AuditLog />
    </HydrateClient>
  );
}
