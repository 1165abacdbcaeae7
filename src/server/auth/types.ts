import type { PlanTier } from "~/server/db/schema";

export type Role = "admin" | "member";

/** The organization a request acts for, as the context sees it. */
export interface OrgInfo {
  id: string;
  name: string;
  slug: string;
  planTier: PlanTier;
  customSubdomain: string | null;
  usageLimits: Record<string, number | null> | null;
  /** Who may frame public pages and embeds; null = any site (src/server/org/embed-origins.ts). */
  embedOrigins?: string[] | null;
}

/** Who did it: recorded in the audit log. */
export type Actor =
  | { type: "user"; id: string; email?: string }
  | { type: "api_key"; id: string; name: string }
  | { type: "system"; id: string };

export interface Session {
  org: OrgInfo;
  role: Role;
  actor: Actor;
  via: "workos" | "dev" | "api_key";
}
