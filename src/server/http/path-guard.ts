/**
 * Request paths no route of ours answers, refused in the middleware before Next looks for a file:
 * `next dev` answered `/robots.txt/..%2Fapi/…` with a 500 (a stat below a public file fails with
 * ENOTDIR), and an encoded slash or dot segment can make two layers read one path two ways.
 * Page slugs, organization slugs and procedure names never contain any of these.
 */

/** Files served from `public/`: nothing lives below them. */
const PUBLIC_FILES = ["/robots.txt", "/favicon.ico", "/favicon.svg"];

/** 400 for an encoded slash, a backslash or a dot segment; 404 below a public file; null otherwise. */
export function refusedPath(pathname: string): { status: 400 | 404; reason: string } | null {
  if (/%2f|%5c|\\/i.test(pathname)) return { status: 400, reason: "encoded slashes and backslashes are not allowed in a path" };
  for (const segment of pathname.split("/")) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // not decodable: not a dot segment either
    }
    if (decoded === "." || decoded === "..") return { status: 400, reason: "dot segments are not allowed in a path" };
  }
  const lower = pathname.toLowerCase();
  if (PUBLIC_FILES.some((f) => lower.startsWith(`${f}/`))) return { status: 404, reason: "not found" };
  return null;
}
