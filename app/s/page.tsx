import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageShell } from "~/components/public/page-shell";
import { getTenant } from "./tenant";

export async function generateMetadata(): Promise<Metadata> {
  const tenant = await getTenant();
  return { title: tenant?.orgName ?? "Not found" };
}

/**
 * A tenant's home (`{sub}.host/` or `/p/{org}`). There is no public procedure that lists a
 * tenant's pages, so this is a plain index: pages are reached by their own links.
 */
export default async function TenantHome() {
  const tenant = await getTenant();
  if (!tenant) notFound();
  return (
    <PageShell orgName={tenant.orgName} homeHref={tenant.basePath || "/"} title={tenant.orgName}>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs">
        <p className="text-slate-700">This is where {tenant.orgName} publishes its compatibility pages. Each page has its own address: open one from a link its publisher shared.</p>
      </div>
    </PageShell>
  );
}
