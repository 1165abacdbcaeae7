import type { Metadata } from "next";
import { PageHeader } from "~/components/dashboard/page-parts";
import { SchemaEditor } from "~/components/dashboard/schemas/schema-editor";
import { sideParam } from "~/components/dashboard/route-params";

export const metadata: Metadata = { title: "New schema" };

export default async function NewSchemaPage({ params }: { params: Promise<{ side: string }> }) {
  const side = sideParam((await params).side);
  return (
    <>
      <PageHeader back={{ href: "/dashboard/schemas", label: "Schemas" }} title={`New ${side} schema`} description="Start from id and name; add the fields your rules will read." />
      <SchemaEditor side={side} />
    </>
  );
}
