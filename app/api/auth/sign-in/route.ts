import { getSignInUrl } from "@workos-inc/authkit-nextjs";
import { NextResponse } from "next/server";
import { workosConfigured } from "~/env";

export const dynamic = "force-dynamic";

/** Only same-site paths: `//evil.example` and absolute URLs fall back to the dashboard. */
function safeReturnTo(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/dashboard";
}

/**
 * Starts a WorkOS AuthKit sign-in: `getSignInUrl()` seals the PKCE verifier and state into a
 * one-use cookie, then the browser goes to the hosted sign-in page, which comes back to
 * `/api/auth/callback`. `?returnTo=/path` picks where the callback lands. 404 without WorkOS
 * (dev sign-in lives at `/sign-in` then).
 */
export async function GET(request: Request) {
  if (!workosConfigured) return new Response("WorkOS is not configured; use the dev sign-in at /sign-in", { status: 404 });
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  const url = await getSignInUrl({ returnTo });
  // 302, not 307: the hosted page must be fetched with GET whatever method got us here.
  return NextResponse.redirect(url, 302);
}
