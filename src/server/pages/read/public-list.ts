/**
 * The published pages of a tenant as a stored answer (`public.pages`, `GET /api/v1/pages`): the
 * same list as `publicPageList` (the MCP server and llms.txt read it too), named by its bytes.
 */
import type { DbOrTx } from "~/server/db/client";
import { toJsonText } from "~/server/db/json-column";
import { sha256Hex } from "~/server/catalog/hash";
import type { OrgInfo } from "~/server/auth/types";
import type { StoredAnswer } from "./result-cache";
import { publicPageList, type PublicPageSummary } from "./public";

export async function publicPagesAnswer(db: DbOrTx, org: OrgInfo): Promise<StoredAnswer> {
  const body = toJsonText({ orgName: org.name, pages: await publicPageList(db, org) });
  return { key: `l-${sha256Hex(body)}`, body };
}

export const publicPagesList = async (db: DbOrTx, org: OrgInfo) => JSON.parse((await publicPagesAnswer(db, org)).body) as { orgName: string; pages: PublicPageSummary[] };
