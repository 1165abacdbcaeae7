import { answerPublicHtml } from "~/server/api/public-html";
import { db } from "~/server/db";

// The response carries its own ETag and Cache-Control; Next must not cache it.
export const dynamic = "force-dynamic";

/** A public page's whole HTML, held per URL and published state (the middleware routes `/{slug}?…` here). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  return answerPublicHtml(req, decodeURIComponent((await params).slug), db);
}
