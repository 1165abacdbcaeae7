import { env } from "~/env";
import { db } from "~/server/db";
import { getHealth } from "~/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth(db);
  const headers: Record<string, string> = env.E2E_SERVER_NONCE ? { "x-e2e-server-nonce": env.E2E_SERVER_NONCE } : {};
  return Response.json(health, { status: health.database.ok ? 200 : 503, headers });
}
