import { answerRest } from "~/server/api/rest/handler";
import { db } from "~/server/db";

// Answers carry their own Cache-Control and ETag; Next must not cache or render them.
export const dynamic = "force-dynamic";

/** `GET /api/v1/…`: the public REST API (docs/rest-api.md). */
export async function GET(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return answerRest(req, (await params).path, db);
}
