import { answerBadge } from "~/server/api/badge";
import { db } from "~/server/db";

// Badges carry their own Cache-Control and ETag; Next must not cache or render them.
export const dynamic = "force-dynamic";

/** `GET /badge/{slug}.svg?source=…&target=…` on a tenant host (middleware.ts rewrites it here): docs/embeds.md. */
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  return answerBadge(req, (await params).file, db);
}
