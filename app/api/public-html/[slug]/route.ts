import { answerPublicHtml } from "~/server/api/public-html";
import { db } from "~/server/db";

// The response carries its own ETag and Cache-Control; Next must not cache it.
export const dynamic = "force-dynamic";

/** A public page's whole HTML when it is the same for every visitor (the middleware routes `/{slug}` without a query here). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerPublicHtml(req, decodeURIComponent((await params).slug), db);
}
