/**
 * Atom (RFC 4287) for a page's changelog, written by hand: the format is small and escaping is
 * the only subtle part. A test parses the output with a real feed parser.
 */
import type { PublicChanges } from "./public";
import { describeEntry, describePair } from "./describe";

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

export interface FeedUrls {
  /** The page the feed is about (the Finder selection's URL for a selection feed). */
  html: string;
  /** The changelog page. */
  changes: string;
  /** The feed's own URL. */
  self: string;
}

export function changesAtom(data: PublicChanges, urls: FeedUrls, now = new Date()): string {
  const title = `${data.page.name} · ${data.page.orgName} — changes${data.path ? ` for ${data.path.join(" › ")}` : ""}`;
  const updated = (data.items[0]?.createdAt ?? now).toISOString();
  const entries = data.items.map((e) => {
    const lines = e.pairs.map(describePair);
    if (e.truncated) lines.push(`… and ${e.changed - e.pairs.length} more`);
    const body = [e.note ? `Note: ${e.note}` : null, ...lines].filter(Boolean).join("\n");
    return [
      "  <entry>",
      `    <id>${escapeXml(`${urls.self}#change-${e.id}`)}</id>`,
      `    <title>${escapeXml(describeEntry(e))}</title>`,
      `    <updated>${e.createdAt.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(`${urls.changes}#change-${e.id}`)}"/>`,
      `    <summary type="text">${escapeXml(body || describeEntry(e))}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(urls.self)}</id>`,
    `  <title>${escapeXml(title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(data.page.orgName)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(urls.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(urls.html)}"/>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
