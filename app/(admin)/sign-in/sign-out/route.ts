import { NextResponse } from "next/server";
import { env, workosConfigured } from "~/env";

export const dynamic = "force-dynamic";

/** AuthKit sign-out (ends the WorkOS session). The dev session signs out through `auth.signOut`. */
export async function GET() {
  if (!workosConfigured) return NextResponse.redirect(new URL("/sign-in", env.APP_URL));
  const { signOut } = await import("@workos-inc/authkit-nextjs");
  await signOut({ returnTo: new URL("/sign-in", env.APP_URL).toString() });
  return NextResponse.redirect(new URL("/sign-in", env.APP_URL));
}
