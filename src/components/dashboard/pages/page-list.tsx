"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field, TextInput } from "~/components/ui/form-field";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "../errors";
import { Icon } from "../icons";
import { ButtonLink, Card, EmptyState, ErrorNote, formatTime } from "../page-parts";
import { slugify } from "../schemas/schema-model";

function CreatePage() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const sources = useQuery(trpc.sources.datasets.list.queryOptions());
  const targets = useQuery(trpc.targets.datasets.list.queryOptions());
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [template, setTemplate] = useState<"finder" | "matrix">("finder");
  const [sourceId, setSourceId] = useState<number | null>(null);
  const [targetId, setTargetId] = useState<number | null>(null);
  const [copyFrom, setCopyFrom] = useState<number | null>(null);
  const pages = useQuery(trpc.pages.list.queryOptions());
  const create = useMutation(
    trpc.pages.create.mutationOptions({
      onSuccess: async (p) => {
        await qc.invalidateQueries({ queryKey: trpc.pages.list.queryKey() });
        router.push(`/dashboard/pages/${p.id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const src = sourceId ?? sources.data?.[0]?.id ?? null;
  const tgt = targetId ?? targets.data?.[0]?.id ?? null;
  if (sources.data?.length === 0 || targets.data?.length === 0) {
    return (
      <EmptyState title="A page needs a source and a target dataset" action={<ButtonLink href="/dashboard/datasets" variant="primary">Go to datasets</ButtonLink>}>
        Create and import a dataset on each side first; a page checks every source row against every target row.
      </EmptyState>
    );
  }
  return (
    <Card title="New page" description="A Finder lets visitors pick a source and see matching targets; a Matrix shows every source against every target.">
      <form
        className="grid gap-4 md:grid-cols-2 xl:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (src && tgt) create.mutate({ name, slug, template, sourceDatasetId: src, targetDatasetId: tgt, ...(copyFrom ? { copyFromPageId: copyFrom } : {}) });
        }}
      >
        <Field label="Name" error={errors.name}>
          {(p) => <TextInput {...p} required value={name} onChange={(e) => (setName(e.target.value), !slugTouched && setSlug(slugify(e.target.value)))} placeholder="Which model fits my app?" />}
        </Field>
        <Field label="Slug (public address)" error={errors.slug}>
          {(p) => <TextInput {...p} required className="font-mono" value={slug} onChange={(e) => (setSlug(e.target.value), setSlugTouched(true))} />}
        </Field>
        <Field label="Template" error={errors.template}>
          {({ invalid: _i, ...p }) => (
            <Select {...p} value={template} onChange={(e) => setTemplate(e.target.value as "finder" | "matrix")}>
              <option value="finder">Finder — pick a source, see targets</option>
              <option value="matrix">Matrix — all sources × all targets</option>
            </Select>
          )}
        </Field>
        <Field label="Source dataset" error={errors.sourceDatasetId}>
          {({ invalid: _i, ...p }) => (
            <Select {...p} value={src ?? ""} onChange={(e) => setSourceId(Number(e.target.value))}>
              {sources.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.rowCount} rows)
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Target dataset" error={errors.targetDatasetId}>
          {({ invalid: _i, ...p }) => (
            <Select {...p} value={tgt ?? ""} onChange={(e) => setTargetId(Number(e.target.value))}>
              {targets.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.rowCount} rows)
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Start from" error={errors.copyFromPageId}>
          {({ invalid: _i, ...p }) => (
            <Select {...p} value={copyFrom ?? ""} onChange={(e) => setCopyFrom(e.target.value ? Number(e.target.value) : null)}>
              <option value="">No rules (empty page)</option>
              {pages.data?.map((pg) => (
                <option key={pg.id} value={pg.id}>
                  Copy rules and overrides of “{pg.name}”
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="primary" disabled={create.isPending || !name.trim() || !slug.trim()}>
            <Icon name="plus" className="size-4" /> Create page
          </Button>
        </div>
        {create.error && !errors.slug && !errors.name ? <ErrorNote className="md:col-span-2 xl:col-span-3">{describeError(create.error)}</ErrorNote> : null}
      </form>
    </Card>
  );
}

/** Pages of the organization (status, template, revision) and the form that creates one. */
export function PageList() {
  const trpc = useTRPC();
  const pages = useQuery(trpc.pages.list.queryOptions());
  return (
    <div className="space-y-6">
      {pages.error ? <ErrorNote>{describeError(pages.error)}</ErrorNote> : null}
      {pages.data && pages.data.length > 0 ? (
        <Card title="Pages" bodyClassName="p-0">
          <ul className="divide-y divide-slate-100">
            {pages.data.map((p) => (
              <li key={p.id}>
                <Link href={`/dashboard/pages/${p.id}`} className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-slate-50">
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{p.name}</span>
                    <span className="block truncate font-mono text-xs text-slate-500">
                      /{p.slug} · updated {formatTime(p.updatedAt)}
                    </span>
                  </span>
                  <span className="flex shrink-0 gap-1.5">
                    <Badge>{p.template}</Badge>
                    <Badge tone={p.status === "published" ? "ok" : "neutral"}>{p.status}</Badge>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <CreatePage />
    </div>
  );
}
