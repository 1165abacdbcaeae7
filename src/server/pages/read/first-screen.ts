/**
 * What the server render of a public page needs beyond the page itself (docs/read-path.md#server-render):
 * read straight from the held answers — no tRPC caller, no repeated tenant or page lookup. A warm
 * render therefore runs no SQL (first-screen.integration.test.ts).
 */
import type { Db } from "~/server/db/client";
import type { OrgInfo } from "~/server/auth/types";
import type { MatrixResult } from "./compute";
import { publicMatrix, publicOptions, publicSummary, type FinderSummary, type PublicOptions, type PublicPageInfo } from "./public";

/** Rows asked for in the first Matrix slice (the server may return fewer for wide matrices). */
export const MATRIX_FIRST_ROWS = 50;

export interface FirstScreen {
  /** The options of every level the visitor can see, with the input the client asks them by. */
  options: { input: { slug: string; level: number; path: string[]; revision?: number }; data: PublicOptions }[];
  /** The selection's result in its first-screen form, when the path is deep enough. */
  summary: { input: { slug: string; path: string[]; page: number; revision?: number }; data: FinderSummary } | null;
  matrix: { input: { slug: string; rowOffset: number; rowLimit: number; revision?: number }; data: MatrixResult } | null;
}

/**
 * Options and summary errors (a path that matches nothing, a value too deep) are left for the
 * client, which asks again and shows the error where the result would be — as a prefetch did.
 */
const orNull = <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

/** `page` as of a past revision (page.revision < page.liveRevision) reads that revision's answers. */
export async function firstScreen(db: Db, org: OrgInfo, page: PublicPageInfo, sel: { path: string[]; page: number }): Promise<FirstScreen> {
  const slug = page.slug;
  const at = page.revision === page.liveRevision ? undefined : page.revision;
  // The client asks with the same inputs (src/components/public/public-context.tsx, asOfInput).
  const asOf = at === undefined ? {} : { revision: at };
  if (page.template === "matrix") {
    const input = { slug, rowOffset: 0, rowLimit: MATRIX_FIRST_ROWS, ...asOf };
    return { options: [], summary: null, matrix: { input, data: await publicMatrix(db, org, slug, 0, MATRIX_FIRST_ROWS, at) } };
  }
  // The entry level (the rows themselves) too: a shared link must not leave its last dropdown loading.
  const levels = Math.min(sel.path.length + 1, page.dimensions.length + 1);
  const summaryInput = { slug, path: sel.path, page: sel.page, ...asOf };
  const [options, summary] = await Promise.all([
    Promise.all(
      Array.from({ length: levels }, async (_, level) => {
        const input = { slug, level, path: sel.path.slice(0, level), ...asOf };
        const data = await orNull(publicOptions(db, org, slug, level, input.path, at));
        return data ? { input, data } : null;
      }),
    ),
    sel.path.length >= page.minDepth ? orNull(publicSummary(db, org, slug, sel.path, sel.page, at)) : null,
  ]);
  return {
    options: options.filter((o) => o !== null),
    summary: summary ? { input: summaryInput, data: summary } : null,
    matrix: null,
  };
}
