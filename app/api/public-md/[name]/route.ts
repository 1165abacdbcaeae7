import { answerMarkdown } from "~/server/api/public-markdown";
import { db } from "~/server/db";

// Answers are per tenant and published state; their Cache-Control lets a CDN hold them.
export const dynamic = "force-dynamic";

/** A tenant's `/llms.txt` or `/{slug}.md` (the middleware routes them here; docs/llms.md). */
export async function GET(req: Request, { params }: { params: Promise<{ name: string }> }) {
  return answerMarkdown(req, decodeURIComponent((await params).name), db);
}
