"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Field, TextInput } from "~/components/ui/form-field";
import { Segmented } from "~/components/ui/segmented";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "./errors";

type Tier = "personal" | "team" | "enterprise";

/**
 * Dev sign-in (no WorkOS): an email plus either an existing organization or a new one with a
 * plan tier. The server sets an HttpOnly cookie; we then load the dashboard fresh.
 */
export function DevSignInForm() {
  const trpc = useTRPC();
  const orgs = useQuery(trpc.auth.devOrganizations.queryOptions());
  const [mode, setMode] = useState<"existing" | "new">("new");
  const [email, setEmail] = useState("");
  const [orgId, setOrgId] = useState("");
  const [orgName, setOrgName] = useState("");
  const [tier, setTier] = useState<Tier>("team");
  const signIn = useMutation(trpc.auth.devSignIn.mutationOptions({ onSuccess: () => window.location.assign("/dashboard") }));
  const errors = fieldErrors(signIn.error);
  const chosenOrg = orgId || orgs.data?.[0]?.id || "";

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate(mode === "new" ? { email, newOrganization: { name: orgName, planTier: tier } } : { email, organizationId: chosenOrg });
      }}
    >
      <Field label="Email" error={errors.email}>
        {(p) => <TextInput {...p} type="email" required autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@example.com" />}
      </Field>
      <div className="space-y-2">
        <Segmented<"existing" | "new">
          label="Organization"
          value={mode}
          onChange={setMode}
          options={[
            { value: "new", label: "Create organization" },
            { value: "existing", label: "Join existing" },
          ]}
        />
      </div>
      {mode === "new" ? (
        <div className="grid gap-4 sm:grid-cols-[1fr_9rem]">
          <Field label="Organization name" error={errors["newOrganization.name"]}>
            {(p) => <TextInput {...p} required value={orgName} onChange={(e) => setOrgName(e.target.value)} placeholder="Acme Inc." />}
          </Field>
          <Field label="Plan">
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
                <option value="personal">Personal</option>
                <option value="team">Team</option>
                <option value="enterprise">Enterprise</option>
              </Select>
            )}
          </Field>
        </div>
      ) : orgs.data && orgs.data.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">No organizations yet — create one instead.</p>
      ) : (
        <Field label="Organization" error={errors.organizationId}>
          {({ invalid: _i, ...p }) => (
            <Select {...p} value={chosenOrg} onChange={(e) => setOrgId(e.target.value)}>
              {(orgs.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} — /{o.slug} ({o.planTier})
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {signIn.error && Object.keys(errors).length === 0 ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {describeError(signIn.error)}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
