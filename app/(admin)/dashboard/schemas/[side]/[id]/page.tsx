import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "~/components/dashboard/page-parts";
import { SchemaEditor } from "~/components/dashboard/schemas/schema-editor";
import { api } from "~/trpc/server";
import { idParam, sideParam } from "~/components/dashboard/route-params";

export const metadata: Metadata = { title: "Edit schema" };

/** The editor starts from the stored definition (server-fetched), then holds its own draft. */
export default async function EditSchemaPage({ params }: { params: Promise<{ side: string; id: string }> }) {
  const p = await params;
  const side = sideParam(p.side);
  const id = idParam(p.id);
  const caller = await api();
  const def = await (side === "source" ? caller.sources : caller.targets).definitions.get({ id }).catch((err: unknown) => {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <>
      <PageHeader back={{ href: "/dashboard/schemas", label: "Schemas" }} title={def.name} description={`${side === "source" ? "Source" : "Target"} schema · ${def.slug}`} />
      <SchemaEditor key={def.updatedAt.toISOString()} side={side} existing={def} />
    </>
  );
}
