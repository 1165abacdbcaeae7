/**
 * The REST API's answers (docs/rest-api.md): each one is a public procedure's answer — the same
 * stored bytes and key the tRPC fast path serves (src/server/api/public-http.ts) — or, for a view of
 * a result and for the CSV, a pure function of those bytes. Nothing here reads the database itself.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import { publicWhatIf, type StoredAnswer } from "~/server/pages";
import { applyView, isDefaultView, type FinderView } from "~/lib/finder-view";
import type { TargetResult } from "~/server/engine/types";
import { publicAnswer } from "../public-http";
import type { restQueries } from "./schemas";
import { matrixCsv } from "./matrix-csv";

type Q<K extends keyof typeof restQueries> = z.infer<(typeof restQueries)[K]>;

/** An answer to send: body, strong ETag value (without quotes) and content type. */
export interface RestAnswer {
  body: string;
  key: string;
  contentType?: string;
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

export const listAnswer = (db: Db, org: OrgInfo): Promise<StoredAnswer> => publicAnswer(db, org, { procedure: "pages", input: {} });

export const pageRestAnswer = (db: Db, org: OrgInfo, slug: string, q: Q<"page">) => publicAnswer(db, org, { procedure: "page", input: { slug, revision: q.revision } });

export const optionsRestAnswer = (db: Db, org: OrgInfo, slug: string, q: Q<"options">) =>
  publicAnswer(db, org, { procedure: "options", input: { slug, level: q.level ?? q.path.length, path: q.path, revision: q.revision } });

/** `public.result`'s bytes; with a view (filters, sort) its targets pass through the Finder's own `applyView`. */
export async function resultRestAnswer(db: Db, org: OrgInfo, slug: string, q: Q<"result">): Promise<RestAnswer> {
  const stored = await publicAnswer(db, org, { procedure: "result", input: { slug, path: q.path, page: q.page, revision: q.revision } });
  const view: FinderView = { sort: q.sort, show: q.show, group: q.group ?? null, feature: q.feature ?? null, q: q.q };
  if (isDefaultView(view)) return stored;
  const result = JSON.parse(stored.body) as { targets: TargetResult[] };
  const body = JSON.stringify({ ...result, targets: applyView(result.targets, view) });
  return { body, key: `v-${sha(`${stored.key}\u0000${JSON.stringify(view)}`)}` };
}

/** `public.whatIf` with no changes: the pair as published. Computed per request (cheap); named by its bytes. */
export async function checkRestAnswer(db: Db, org: OrgInfo, slug: string, q: Q<"check">): Promise<RestAnswer> {
  const body = JSON.stringify(await publicWhatIf(db, org, slug, { sourceKey: q.source, targetKey: q.target, changes: {} }));
  return { body, key: `c-${sha(body)}` };
}

export const matrixRestAnswer = (db: Db, org: OrgInfo, slug: string, q: Q<"matrix">) =>
  publicAnswer(db, org, { procedure: "matrix", input: { slug, rowOffset: q.rowOffset, rowLimit: q.rowLimit, revision: q.revision } });

export async function matrixCsvAnswer(db: Db, org: OrgInfo, slug: string, q: Q<"matrix">): Promise<RestAnswer> {
  const stored = await matrixRestAnswer(db, org, slug, q);
  return { body: matrixCsv(JSON.parse(stored.body)), key: `csv-${stored.key}`, contentType: "text/csv; charset=utf-8" };
}
