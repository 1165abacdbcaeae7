import { handleAuth } from "@workos-inc/authkit-nextjs";
import { workosConfigured } from "~/env";

export const dynamic = "force-dynamic";

const authkitCallback = workosConfigured ? handleAuth({ returnPathname: "/dashboard" }) : null;

/** WorkOS AuthKit redirects here after sign-in; without WorkOS configured there is nothing to do. */
export async function GET(request: Request) {
  if (!authkitCallback) return new Response("WorkOS is not configured; use the dev sign-in at /sign-in", { status: 404 });
  return authkitCallback(request as never);
}
