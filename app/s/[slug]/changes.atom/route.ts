import { db } from "~/server/db";
import { atomFeedResponse } from "~/server/changes/feed-response";

/** The page's changelog as Atom; `?path=…` narrows it to one Finder selection (docs/changes.md). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return atomFeedResponse(db, request, decodeURIComponent((await params).slug));
}
