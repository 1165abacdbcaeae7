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

/** The past published revision a page is shown as of (`?revision=N`); undefined for the live page. */
const AsOfCtx = createContext<number | undefined>(undefined);

export function AsOfProvider({ revision, children }: { revision: number | undefined; children: ReactNode }) {
  return <AsOfCtx.Provider value={revision}>{children}</AsOfCtx.Provider>;
}

export const useAsOf = () => useContext(AsOfCtx);

/** The `revision` input of the public reads: present only for a past revision, so live keys stay as they were. */
export const asOfInput = (revision: number | undefined): { revision?: number } => (revision === undefined ? {} : { revision });
