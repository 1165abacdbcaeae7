"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError } from "./errors";
import { Icon } from "./icons";

/** A full reload after switching: every cached query belongs to the previous organization. */
function reloadTo(path: string) {
  window.location.assign(path);
}

/**
 * The active organization, with a switcher. Dev sign-in switches by signing in again to the other
 * organization (same email); under AuthKit the sign-in page lets the user pick another one.
 */
export function OrgSwitcher({ authMode }: { authMode: "dev" | "workos" | "none" }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.org.me.queryOptions());
  const orgs = useQuery({ ...trpc.auth.devOrganizations.queryOptions(), enabled: authMode === "dev" });
  const [error, setError] = useState<string | null>(null);
  const switchOrg = useMutation(
    trpc.auth.devSignIn.mutationOptions({ onSuccess: () => reloadTo("/dashboard"), onError: (e) => setError(describeError(e)) }),
  );
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: () => reloadTo("/sign-in") }));

  const org = me.data?.organization;
  const email = me.data?.actor.type === "user" ? me.data.actor.email : undefined;
  return (
    <section aria-label="Organization" className="rounded-lg border border-slate-200 bg-white p-3">
      <p className="truncate text-sm font-semibold" data-testid="org-name">
        {org?.name ?? "…"}
      </p>
      <p className="truncate text-xs text-slate-500">
        {org ? `/${org.slug}` : ""} {me.data ? `· ${me.data.role}` : ""}
      </p>
      {authMode === "dev" && orgs.data && org && email ? (
        <div className="mt-3">
          <label htmlFor="org-switch" className="sr-only">
            Switch organization
          </label>
          <Select
            id="org-switch"
            className="h-8 text-xs"
            value={org.id}
            disabled={switchOrg.isPending}
            onChange={(e) => switchOrg.mutate({ email, organizationId: e.target.value })}
          >
            {orgs.data.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.planTier})
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-xs text-red-700">{error}</p> : null}
      <div className="mt-2 flex items-center justify-between text-xs">
        {authMode === "workos" ? (
          <Link href="/sign-in?switch=1" className="text-indigo-700 hover:underline">
            Switch organization
          </Link>
        ) : (
          <Link href="/sign-in?switch=1" className="text-indigo-700 hover:underline">
            New organization…
          </Link>
        )}
        {authMode === "workos" ? (
          <a href="/sign-in/sign-out" className="inline-flex items-center gap-1 text-slate-600 hover:text-slate-900">
            <Icon name="logout" className="size-3.5" /> Sign out
          </a>
        ) : (
          <button type="button" className="inline-flex items-center gap-1 text-slate-600 hover:text-slate-900" onClick={() => signOut.mutate()}>
            <Icon name="logout" className="size-3.5" /> Sign out
          </button>
        )}
      </div>
    </section>
  );
}
