import { headers } from "next/headers";
import { publicBase } from "~/server/changes/feed-response";

type Search = Record<string, string | string[] | undefined>;

/**
 * `<link rel="alternate" type="application/atom+xml">` for a public page: the page's changelog feed
 * and, on a Finder selection, the selection's own feed (docs/changes.md).
 */
export async function changesFeedLinks(slug: string, search: Search) {
  const base = `${publicBase(await headers(), "http://localhost")}/${encodeURIComponent(slug)}`;
  const raw = search.path;
  const path = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).filter((p) => p && p.length <= 255).slice(0, 11);
  const query = path.length ? `?${new URLSearchParams(path.map((p) => ["path", p])).toString()}` : "";
  return {
    types: {
      "application/atom+xml": query
        ? [
            { url: `${base}/changes.atom${query}`, title: `Changes for ${path.join(" › ")}` },
            { url: `${base}/changes.atom`, title: "All changes" },
          ]
        : [{ url: `${base}/changes.atom`, title: "All changes" }],
    },
  };
}
