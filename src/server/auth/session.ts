import { env, workosConfigured } from "~/env";
import type { Db } from "~/server/db/client";
import { authenticateApiKey } from "./api-keys";
import { DEV_SESSION_COOKIE, decodeDevSession, sessionFromDevCookie } from "./dev-session";
import type { Session } from "./types";

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/**
 * Who is calling. A Bearer token is authoritative: a wrong or revoked key is an anonymous caller,
 * never a fall-through to a cookie session.
 */
export async function resolveSession(db: Db, headers: Headers): Promise<Session | null> {
  const authz = headers.get("authorization");
  if (authz) {
    const m = /^Bearer\s+(\S+)$/i.exec(authz);
    return m ? authenticateApiKey(db, m[1]!) : null;
  }
  if (workosConfigured) {
    const { sessionFromWorkOS } = await import("./workos");
    return sessionFromWorkOS(db);
  }
  if (env.NODE_ENV === "production") return null;
  const dev = decodeDevSession(readCookie(headers.get("cookie"), DEV_SESSION_COOKIE), env.DEV_SESSION_SECRET);
  return dev ? sessionFromDevCookie(db, dev) : null;
}

export { readCookie };
