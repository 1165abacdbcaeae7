import "server-only";

import { headers } from "next/headers";
import { env } from "~/env";

/** Where links to public pages point: the origin this request came in on, and the tenant root domain. */
export async function publicOrigins(): Promise<{ appOrigin: string; rootDomain: string; protocol: string }> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const protocol = h.get("x-forwarded-proto") ?? (host?.startsWith("localhost") || host?.startsWith("127.") ? "http" : new URL(env.APP_URL).protocol.replace(":", ""));
  return { appOrigin: host ? `${protocol}://${host}` : env.APP_URL, rootDomain: env.ROOT_DOMAIN, protocol };
}

export type Origins = Awaited<ReturnType<typeof publicOrigins>>;
