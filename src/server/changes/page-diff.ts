/**
 * `pages.diff`: the verdict diff between two states of a page — published revisions by number,
 * `live` (the current revision) or `draft` — both computed now, on the datasets' current rows, so
 * the diff isolates what the page itself changed (rules, overrides, settings). What data
 * changes did is in the changelog, stored when they happened (docs/changes.md).
 */
import type { Db } from "~/server/db/client";
import { badRequest } from "~/server/errors";
import { loadPage } from "~/server/pages/model";
import { draftSnapshot, type PageSnapshot } from "~/server/pages/draft/snapshot";
import { getRevisionByNumber, getRevisionRow } from "~/server/pages/published/revisions";
import { diffVerdicts, type VerdictDiff } from "./verdict-diff";
import { computeVerdicts } from "./verdict-snapshot";

export type DiffSide = number | "live" | "draft";

/** Pairs listed in a `pages.diff` answer; counts cover every pair. */
export const DIFF_PAIRS = 200;

export interface PageDiff extends VerdictDiff {
  from: { side: DiffSide; revision: number | null };
  to: { side: DiffSide; revision: number | null };
}

export async function diffPage(db: Db, orgId: string, pageId: number, from: DiffSide, to: DiffSide): Promise<PageDiff> {
  const page = await loadPage(db, orgId, pageId);
  const resolve = async (side: DiffSide): Promise<{ snapshot: PageSnapshot | null; revision: number | null }> => {
    if (side === "draft") return { snapshot: await draftSnapshot(db, orgId, page), revision: null };
    if (side === "live") {
      if (!page.revisionId) return { snapshot: null, revision: null };
      const rev = await getRevisionRow(db, orgId, page.id, page.revisionId);
      return { snapshot: rev.snapshot, revision: rev.number };
    }
    const rev = await getRevisionByNumber(db, orgId, page.id, side);
    return { snapshot: rev.snapshot, revision: rev.number };
  };
  const a = await resolve(from);
  const b = await resolve(to);
  if (!b.snapshot) throw badRequest("The page has no published revision to compare", { field: "to" });
  const before = a.snapshot ? await computeVerdicts(db, orgId, page.id, a.snapshot) : null;
  const after = await computeVerdicts(db, orgId, page.id, b.snapshot);
  const diff = diffVerdicts(before, after, DIFF_PAIRS);
  return { ...diff, from: { side: from, revision: a.revision }, to: { side: to, revision: b.revision } };
}
