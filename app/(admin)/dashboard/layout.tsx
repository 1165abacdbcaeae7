import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DashboardShell } from "~/components/dashboard/shell";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, api, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Compat dashboard" } };
export const dynamic = "force-dynamic";

/** Signed-in admins only; the shell's organization and usage are prefetched for the first paint. */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const status = await (await api()).auth.status();
  if (!status.signedIn) redirect("/sign-in");
  await preload(trpc.org.me.queryOptions(), trpc.org.usage.queryOptions(), ...(status.mode === "dev" ? [trpc.auth.devOrganizations.queryOptions()] : []));
  return (
    <HydrateClient>
      <DashboardShell authMode={status.mode}>{children}</DashboardShell>
    </HydrateClient>
  );
}
