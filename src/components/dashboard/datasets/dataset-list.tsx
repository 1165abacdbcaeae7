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
import type { Side } from "../schemas/schema-model";
import { sideRouter } from "~/trpc/side";

export const statusTone = { empty: "neutral", importing: "partial", ready: "ok" } as const;

function CreateDataset({ side }: { side: Side }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const api = sideRouter(trpc, side);
  const defs = useQuery(api.definitions.list.queryOptions());
  const [definitionId, setDefinitionId] = useState<number | null>(null);
  const [name, setName] = useState("");
  const create = useMutation(
    api.datasets.create.mutationOptions({
      onSuccess: async (d) => {
        await qc.invalidateQueries({ queryKey: api.datasets.pathKey() });
        router.push(`/dashboard/datasets/${side}/${d.id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  if (defs.data?.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        A dataset holds rows of a schema.{" "}
        <Link className="font-medium text-indigo-700 hover:underline" href={`/dashboard/schemas/${side}/new`}>
          Create a {side} schema first →
        </Link>
      </p>
    );
  }
  const chosen = definitionId ?? defs.data?.[0]?.id ?? null;
  return (
    <form
      className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) create.mutate({ definitionId: chosen, name });
      }}
    >
      <Field label="Schema" error={errors.definitionId}>
        {({ invalid: _i, ...p }) => (
          <Select {...p} value={chosen ?? ""} onChange={(e) => setDefinitionId(Number(e.target.value))}>
            {defs.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Dataset name" error={errors.name}>
        {(p) => <TextInput {...p} required value={name} onChange={(e) => setName(e.target.value)} placeholder={side === "source" ? "Apps 2025" : "Models"} />}
      </Field>
      <Button type="submit" variant="primary" disabled={create.isPending || !chosen || !name.trim()}>
        <Icon name="plus" className="size-4" /> Create {side} dataset
      </Button>
      {create.error && !errors.name ? <ErrorNote className="sm:col-span-3">{describeError(create.error)}</ErrorNote> : null}
    </form>
  );
}

function SideDatasets({ side }: { side: Side }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const list = useQuery(api.datasets.list.queryOptions());
  return (
    <Card title={side === "source" ? "Source datasets" : "Target datasets"} description="Create a dataset, then open it to upload a CSV." bodyClassName="p-0">
      <div className="border-b border-slate-100 p-5">
        <CreateDataset side={side} />
      </div>
      {list.error ? <ErrorNote className="m-5">{describeError(list.error)}</ErrorNote> : null}
      {list.data?.length === 0 ? <p className="px-5 py-6 text-center text-sm text-slate-500">No {side} datasets yet.</p> : null}
      <ul className="divide-y divide-slate-100">
        {list.data?.map((d) => (
          <li key={d.id}>
            <Link href={`/dashboard/datasets/${side}/${d.id}`} className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-slate-50">
              <span className="min-w-0">
                <span className="block truncate font-medium">{d.name}</span>
                <span className="block text-xs text-slate-500">
                  #{d.id} · v{d.version} · updated {formatTime(d.updatedAt)}
                </span>
              </span>
              <span className="flex shrink-0 items-center gap-2">
                <span className="text-sm text-slate-700 tabular-nums">{d.rowCount.toLocaleString("en-US")} rows</span>
                <Badge tone={statusTone[d.status]}>{d.status}</Badge>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Datasets of both sides, each with an inline "create" form; empty states point at schemas first. */
export function DatasetList() {
  const trpc = useTRPC();
  const src = useQuery(trpc.sources.definitions.list.queryOptions());
  const tgt = useQuery(trpc.targets.definitions.list.queryOptions());
  if (src.data?.length === 0 && tgt.data?.length === 0) {
    return (
      <EmptyState title="Define a schema first" action={<ButtonLink href="/dashboard/schemas" variant="primary">Go to schemas</ButtonLink>}>
        Datasets hold rows of a schema. Create a source schema and a target schema, then come back to import your data.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <SideDatasets side="source" />
      <SideDatasets side="target" />
    </div>
  );
}
