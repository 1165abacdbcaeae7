"use client";

import { createContext, useContext, type ReactNode } from "react";

export interface PublicTenant {
  /** "" on a tenant host, `/p/{orgSlug}` on the path form: prefix of every link and API call. */
  basePath: string;
  /** The org slug Convex knows the tenant by; null until known (subdomain form before the page loads). */
  orgSlug: string | null;
}

const Ctx = createContext<PublicTenant>({ basePath: "", orgSlug: null });

/** Provided once by the tenant layout from the middleware's trusted header. */
export function PublicTenantProvider({ value, children }: { value: PublicTenant; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const usePublicTenant = () => useContext(Ctx);
