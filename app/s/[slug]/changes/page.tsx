import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Changelog } from "~/components/changes/changelog";
import { PageShell } from "~/components/public/page-shell";
import { publicBase } from "~/server/changes/feed-response";
import { api } from "~/trpc/server";
import { redirectWhenRateLimited } from "../../rate-limited";
import { getTenant } from "../../tenant";

type Params = Promise<{ slug: string }>;

const loadChanges = cache(async (slug: string) => {
  try {
    return await (await api()).public.changes({ slug });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    const basePath = (await getTenant())?.basePath ?? "";
    redirectWhenRateLimited(err, basePath, `${basePath}/${encodeURIComponent(slug)}/changes`);
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const slug = decodeURIComponent((await params).slug);
  const data = (await getTenant()) ? await loadChanges(slug) : null;
  if (!data) return { title: "Page not found" };
  const base = publicBase(await headers(), "http://localhost");
  return {
    title: `Changes · ${data.page.name} · ${data.page.orgName}`,
    alternates: { types: { "application/atom+xml": `${base}/${encodeURIComponent(slug)}/changes.atom` } },
  };
}

/** The public changelog of a published page: every revision and data change that moved verdicts. */
export default async function ChangesPage({ params }: { params: Params }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  const slug = decodeURIComponent((await params).slug);
  const data = await loadChanges(slug);
  if (!data) notFound();
  const pageHref = `${tenant.basePath}/${encodeURIComponent(slug)}`;
  return (
    <PageShell orgName={data.page.orgName} homeHref={tenant.basePath || "/"} title={`Changes to ${data.page.name}`} description="Every published revision and every data update that changed a verdict, newest first.">
      <Changelog data={data} pageHref={pageHref} />
    </PageShell>
  );
}
