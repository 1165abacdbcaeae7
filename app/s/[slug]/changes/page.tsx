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
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?cursor=N` pages to older entries; anything malformed is the first page. */
async function cursorOf(searchParams: SearchParams): Promise<number | undefined> {
  const raw = (await searchParams).cursor;
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const loadChanges = cache(async (slug: string, cursor: number | undefined) => {
  try {
    return await (await api()).public.changes({ slug, cursor });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    const basePath = (await getTenant())?.basePath ?? "";
    redirectWhenRateLimited(err, basePath, `${basePath}/${encodeURIComponent(slug)}/changes`);
    throw err;
  }
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const slug = decodeURIComponent((await params).slug);
  const data = (await getTenant()) ? await loadChanges(slug, await cursorOf(searchParams)) : null;
  if (!data) return { title: "Page not found" };
  const base = publicBase(await headers(), "http://localhost");
  return {
    title: `Changes · ${data.page.name} · ${data.page.orgName}`,
    alternates: { types: { "application/atom+xml": `${base}/${encodeURIComponent(slug)}/changes.atom` } },
  };
}

/** The public changelog of a published page: every revision and data change that moved verdicts. */
export default async function ChangesPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const tenant = await getTenant();
  if (!tenant) notFound();
  const slug = decodeURIComponent((await params).slug);
  const cursor = await cursorOf(searchParams);
  const data = await loadChanges(slug, cursor);
  if (!data) notFound();
  const pageHref = `${tenant.basePath}/${encodeURIComponent(slug)}`;
  return (
    <PageShell orgName={data.page.orgName} homeHref={tenant.basePath || "/"} title={`Changes to ${data.page.name}`} description="Every published revision and every data update that changed a verdict, newest first.">
      <Changelog data={data} pageHref={pageHref} paged={cursor !== undefined} />
    </PageShell>
  );
}
