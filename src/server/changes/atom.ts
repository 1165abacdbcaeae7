/**
 * Atom (RFC 4287) for a page's changelog, written by the `feed` library (escaping, dates and the
 * envelope are its job). A test parses the output with a real feed parser.
 */
import { Feed } from "feed";
import type { PublicChanges } from "./public";
import { describeEntry, describePair } from "./describe";

export interface FeedUrls {
  /** The page the feed is about (the Finder selection's URL for a selection feed). */
  html: string;
  /** The changelog page. */
  changes: string;
  /** The feed's own URL. */
  self: string;
}

/** XML 1.0 forbids these control characters even escaped; tenant text could carry them. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

export function changesAtom(data: PublicChanges, urls: FeedUrls, now = new Date()): string {
  const title = `${data.page.name} · ${data.page.orgName} — changes${data.path ? ` for ${data.path.join(" › ")}` : ""}`;
  const feed = new Feed({
    id: urls.self,
    title: xmlSafe(title),
    link: urls.html,
    updated: data.items[0]?.createdAt ?? now,
    feedLinks: { atom: urls.self },
    author: { name: xmlSafe(data.page.orgName) },
    generator: "Compat",
  });
  for (const e of data.items) {
    const lines = e.pairs.map(describePair);
    if (e.truncated) lines.push(`… and ${e.changed - e.pairs.length} more`);
    const body = [e.note ? `Note: ${e.note}` : null, ...lines].filter(Boolean).join("\n");
    feed.addItem({
      id: `${urls.self}#change-${e.id}`,
      title: xmlSafe(describeEntry(e)),
      link: `${urls.changes}#change-${e.id}`,
      date: e.createdAt,
      description: xmlSafe(body || describeEntry(e)),
    });
  }
  return feed.atom1();
}
