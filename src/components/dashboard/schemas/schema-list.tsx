"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "~/components/ui/badge";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { ButtonLink, Card, ErrorNote } from "../page-parts";
import type { Side } from "./schema-model";
import { sideRouter } from "~/trpc/side";

const copy: Record<Side, { title: string; blurb: string; empty: string }> = {
  source: { title: "Source schemas", blurb: "What visitors check — e.g. apps with needsStreaming, region.", empty: "No source schema yet. Create one to describe what visitors pick in the Finder." },
  target: { title: "Target schemas", blurb: "What sources are checked against — e.g. models with provider, maxTokens.", empty: "No target schema yet. Create one to describe what you list as results." },
};

function SideList({ side }: { side: Side }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const defs = useQuery(api.definitions.list.queryOptions());
  return (
    <Card
      title={copy[side].title}
      description={copy[side].blurb}
      bodyClassName="p-0"
      actions={
        <ButtonLink href={`/dashboard/schemas/${side}/new`} variant="primary" className="h-8 px-3">
          <Icon name="plus" className="size-4" /> New {side} schema
        </ButtonLink>
      }
    >
      {defs.error ? <ErrorNote className="m-5">{describeError(defs.error)}</ErrorNote> : null}
      {defs.data?.length === 0 ? <p className="px-5 py-8 text-center text-sm text-slate-500">{copy[side].empty}</p> : null}
      <ul className="divide-y divide-slate-100">
        {defs.data?.map((d) => (
          <li key={d.id}>
            <Link href={`/dashboard/schemas/${side}/${d.id}`} className="flex items-center justify-between gap-4 px-5 py-3 hover:bg-slate-50">
              <span className="min-w-0">
                <span className="block truncate font-medium text-slate-900">{d.name}</span>
                <span className="block truncate font-mono text-xs text-slate-500">{d.slug}</span>
              </span>
              <span className="flex shrink-0 flex-wrap justify-end gap-1.5">
                <Badge>{d.schema.fields.length} fields</Badge>
                {side === "source" && d.schema.dimensions.length > 0 ? <Badge tone="info">{d.schema.dimensions.length} levels</Badge> : null}
                <Badge>key: {d.schema.keyField}</Badge>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Both sides' definitions with a way to create each; the first step of the product. */
export function SchemaList() {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <SideList side="source" />
      <SideList side="target" />
    </div>
  );
}
