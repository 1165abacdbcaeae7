/**
 * The published pages of a tenant (`public.pages`, `GET /api/v1/pages`): slug, name, template,
 * revision. Read from the `published_pages` projection in one indexed query (docs/read-path.md); a
 * page published before that table existed appears after its next publish, import or `sync.rebuild`.
 */
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { publishedPages } from "~/server/db/schema";
import { toJsonText } from "~/server/db/json-column";
import { sha256Hex } from "~/server/catalog/hash";
import type { OrgInfo } from "~/server/auth/types";
import type { PublishedDisplay } from "../published/projection";
import type { StoredAnswer } from "./result-cache";

export interface PublicPageListItem {
  slug: string;
  name: string;
  template: "finder" | "matrix";
  revision: number;
  publishedAt: string | null;
}

export async function publicPagesAnswer(db: DbOrTx, org: OrgInfo): Promise<StoredAnswer> {
  const rows = await db
    .select({ slug: publishedPages.slug, revision: publishedPages.revisionNumber, display: publishedPages.displayJson })
    .from(publishedPages)
    .where(eq(publishedPages.organizationId, org.id))
    .orderBy(asc(publishedPages.slug));
  const pages: PublicPageListItem[] = rows.map((r) => {
    const d = r.display as unknown as PublishedDisplay;
    return { slug: r.slug, name: d.name, template: d.template, revision: r.revision, publishedAt: d.publishedAt ?? null };
  });
  const body = toJsonText({ orgName: org.name, pages });
  return { key: `l-${sha256Hex(body)}`, body };
}

export const publicPagesList = async (db: DbOrTx, org: OrgInfo) => JSON.parse((await publicPagesAnswer(db, org)).body) as { orgName: string; pages: PublicPageListItem[] };
