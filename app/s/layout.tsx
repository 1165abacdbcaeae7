import { notFound } from "next/navigation";
import { PublicTenantProvider } from "~/components/public/public-context";
import { TRPCReactProvider } from "~/trpc/react";
import { getTenant } from "./tenant";

/**
 * Every public page of a tenant. Client-side tRPC goes through `${basePath}/api/trpc`, so on
 * the path form (`/p/{org}/…`) the middleware can attach the tenant to API calls as well.
 */
export default async function TenantLayout({ children }: { children: React.ReactNode }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  return (
    <TRPCReactProvider apiBase={`${tenant.basePath}/api/trpc`}>
      <PublicTenantProvider value={{ basePath: tenant.basePath, orgSlug: tenant.orgSlug }}>{children}</PublicTenantProvider>
    </TRPCReactProvider>
  );
}
