import { answerPublicPlain } from "~/server/api/public-http";
import { db } from "~/server/db";

// Answers carry their own Cache-Control and ETag; Next must not cache or render them.
export const dynamic = "force-dynamic";

/** `GET /api/public/{page,options,result,matrix}?slug=…`: a public read's JSON, for plain HTTP clients (docs/api.md). */
export async function GET(req: Request, { params }: { params: Promise<{ procedure: string }> }) {
  return answerPublicPlain(req, (await params).procedure, db);
}
