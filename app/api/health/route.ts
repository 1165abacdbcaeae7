import { getHealth } from "~/server/health";
import { db } from "~/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth(db);
  return Response.json(health, { status: health.database.ok ? 200 : 503 });
}
