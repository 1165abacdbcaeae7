"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Field, TextArea, TextInput } from "~/components/ui/form-field";
import { customSubdomainAllowed } from "~/server/limits/tiers";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "./errors";
import { Card, ErrorNote } from "./page-parts";
import { tierLabels } from "./usage-panel";

/**
 * Organization settings: the name, and the custom subdomain on paid tiers, with the public
 * addresses pages get from each.
 */
export function SettingsForm(props: Origins) {
  const trpc = useTRPC();
  const me = useQuery(trpc.org.me.queryOptions());
  if (!me.data) return me.error ? <ErrorNote>{describeError(me.error)}</ErrorNote> : <div className="h-64 animate-pulse rounded-xl bg-slate-100" />;
  return <SettingsFormFor key={me.data.organization.id} org={me.data.organization} isAdmin={me.data.role === "admin"} {...props} />;
}

type Origins = { appOrigin: string; rootDomain: string; protocol: string };
type Org = {
  id: string;
  name: string;
  slug: string;
  planTier: "personal" | "team" | "enterprise";
  usageLimits: Partial<Record<string, number | null>> | null;
  customSubdomain: string | null;
  embedOrigins?: string[] | null;
};

function SettingsFormFor({ org, isAdmin, appOrigin, rootDomain, protocol }: Origins & { org: Org; isAdmin: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [name, setName] = useState(org.name);
  const [sub, setSub] = useState(org.customSubdomain ?? "");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [anyOrigin, setAnyOrigin] = useState(org.embedOrigins == null);
  const [origins, setOrigins] = useState((org.embedOrigins ?? []).join("\n"));
  const [saved, setSaved] = useState<string | null>(null);

  const update = useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: async () => {
        setSaved("Saved.");
        setConfirmRemove(false);
        await qc.invalidateQueries({ queryKey: trpc.org.pathKey() });
        await qc.invalidateQueries({ queryKey: trpc.auth.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(update.error);
  const paid = customSubdomainAllowed(org);

  return (
    <div className="space-y-6">
      <Card title="Organization" description="How your organization appears in the dashboard and on public pages.">
        <form
          className="flex max-w-xl flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            update.mutate({ name });
          }}
        >
          <Field label="Name" error={errors.name}>
            {(p) => <TextInput {...p} value={name} onChange={(e) => setName(e.target.value)} disabled={!isAdmin} required maxLength={255} />}
          </Field>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Slug</dt>
            <dd className="font-mono">{org.slug}</dd>
            <dt className="text-slate-500">Plan</dt>
            <dd>
              <Badge tone="info">{tierLabels[org.planTier]}</Badge>
            </dd>
            <dt className="text-slate-500">Public pages</dt>
            <dd className="font-mono break-all">
              {appOrigin}/p/{org.slug}/<span className="text-slate-400">page-slug</span>
            </dd>
          </dl>
          <div>
            <Button type="submit" variant="primary" disabled={!isAdmin || update.isPending || name.trim() === org.name}>
              Save name
            </Button>
          </div>
        </form>
      </Card>

      <Card title="Custom subdomain" description={paid ? "Serve your public pages at your own address." : "Available on the Team and Enterprise plans."}>
        <form
          className="flex max-w-xl flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            update.mutate({ customSubdomain: sub.trim() === "" ? null : sub.trim().toLowerCase() });
          }}
        >
          <Field
            label="Subdomain"
            error={errors.customSubdomain}
            hint={sub ? `Pages will be served at ${protocol}://${sub.toLowerCase()}.${rootDomain}/<page-slug>` : "Lowercase letters, digits and dashes."}
          >
            {(p) => (
              <div className="flex items-center">
                <TextInput {...p} className="rounded-r-none" value={sub} onChange={(e) => setSub(e.target.value)} disabled={!paid || !isAdmin} placeholder="acme" />
                <span className="flex h-10 items-center rounded-r-md border border-l-0 border-slate-300 bg-slate-50 px-3 text-sm text-slate-500">.{rootDomain}</span>
              </div>
            )}
          </Field>
          {org.customSubdomain ? (
            <p className="text-sm">
              Live at{" "}
              <a className="font-mono text-indigo-700 hover:underline" href={`${protocol}://${org.customSubdomain}.${rootDomain}/`} target="_blank" rel="noreferrer">
                {protocol}://{org.customSubdomain}.{rootDomain}
              </a>
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={!paid || !isAdmin || update.isPending || sub.trim() === "" || sub.trim() === (org.customSubdomain ?? "")}>
              Save subdomain
            </Button>
            {org.customSubdomain ? (
              <Button onClick={() => setConfirmRemove(true)} disabled={!isAdmin}>
                Remove subdomain
              </Button>
            ) : null}
          </div>
        </form>
      </Card>
      <Card title="Embeds" description="Which sites may show your public pages and embeds in a frame. The dashboard is never framed.">
        <form
          className="flex max-w-xl flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(null);
            update.mutate({ embedOrigins: anyOrigin ? null : origins.split(/[\s,]+/).filter(Boolean) });
          }}
        >
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={anyOrigin} onChange={(e) => setAnyOrigin(e.target.checked)} disabled={!isAdmin} />
            Any site may embed published pages
          </label>
          {!anyOrigin && (
            <Field label="Allowed sites" error={errors.embedOrigins ?? Object.entries(errors).find(([k]) => k.startsWith("embedOrigins."))?.[1]} hint="One origin per line, e.g. https://docs.example.com or https://*.example.com. Empty: no site.">
              {(p) => <TextArea {...p} mono rows={4} value={origins} onChange={(e) => setOrigins(e.target.value)} disabled={!isAdmin} />}
            </Field>
          )}
          <div>
            <Button type="submit" variant="primary" disabled={!isAdmin || update.isPending}>
              Save embed sites
            </Button>
          </div>
        </form>
      </Card>
      {saved && !update.error ? <p role="status" className="text-sm text-green-700">{saved}</p> : null}
      {update.error && Object.keys(errors).length === 0 ? <ErrorNote>{describeError(update.error)}</ErrorNote> : null}
      <ConfirmDialog
        open={confirmRemove}
        onClose={() => setConfirmRemove(false)}
        title="Remove the custom subdomain?"
        description={`Public pages will stop answering at ${org.customSubdomain}.${rootDomain}. They stay available under /p/${org.slug}/.`}
        confirmLabel="Remove subdomain"
        destructive
        busy={update.isPending}
        onConfirm={() => update.mutate({ customSubdomain: null })}
      />
    </div>
  );
}
