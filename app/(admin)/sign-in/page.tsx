import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DevSignInForm } from "~/components/dashboard/dev-sign-in";
import { preload } from "~/components/dashboard/preload";
import { HydrateClient, api, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

/** AuthKit's hosted sign-in when WorkOS is configured; the dev sign-in form otherwise. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ switch?: string }> }) {
  const status = await (await api()).auth.status();
  const switching = (await searchParams).switch === "1";
  if (status.signedIn && !switching) redirect("/dashboard");

  let body: React.ReactNode;
  if (status.mode === "workos") {
    const { getSignInUrl } = await import("@workos-inc/authkit-nextjs");
    body = (
      <a href={await getSignInUrl()} className="inline-flex h-10 w-full items-center justify-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-700">
        Continue with WorkOS
      </a>
    );
  } else if (status.mode === "none") {
    body = <p className="text-sm text-slate-600">Sign-in is not configured on this server. Set the WorkOS variables (see the README).</p>;
  } else {
    await preload(trpc.auth.devOrganizations.queryOptions());
    body = (
      <HydrateClient>
        <DevSignInForm />
      </HydrateClient>
    );
  }

  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2 text-xl font-semibold tracking-tight">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-md bg-indigo-600 text-base font-bold text-white">
            C
          </span>
          Compat
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold">{switching ? "Switch organization" : "Sign in to the dashboard"}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600">
            {status.mode === "dev" ? "Development sign-in: no password. Pick an organization or create one." : "Manage schemas, data, rules and public pages."}
          </p>
          {body}
        </div>
      </div>
    </main>
  );
}
