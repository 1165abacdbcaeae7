/**
 * Names for ids the audit log and revision list store: a user id reads as the person's email
 * (their name beside it when known), an API key id as the key's name, a page or rule id as its
 * name (docs/dashboard.md). Lookups are by the ids of one screen of entries; keys, pages and
 * rules are read within the organization only.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { apiKeys, featureRules, publicPages, users } from "~/server/db/schema";

export interface ActorRef {
  actorType: "user" | "api_key" | "system";
  actorId: string;
}

const numericIds = (ids: Iterable<string>) => [...new Set([...ids].filter((s) => /^\d{1,15}$/.test(s)).map(Number))];

/** "ada@example.com (Ada Lovelace)", "API key “deploy”", "system"; the raw id when nothing matches (a deleted key). */
export async function actorLabels(db: DbOrTx, orgId: string, actors: ActorRef[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const userIds = [...new Set(actors.filter((a) => a.actorType === "user").map((a) => a.actorId))];
  const keyIds = numericIds(actors.filter((a) => a.actorType === "api_key").map((a) => a.actorId));
  if (userIds.length) {
    const rows = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, userIds));
    for (const u of rows) out.set(`user:${u.id}`, u.name && u.name !== u.email ? `${u.email} (${u.name})` : u.email);
  }
  if (keyIds.length) {
    const rows = await db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(and(eq(apiKeys.organizationId, orgId), inArray(apiKeys.id, keyIds)));
    for (const k of rows) out.set(`api_key:${k.id}`, `API key “${k.name}”`);
  }
  return out;
}

export const actorKey = (a: ActorRef) => `${a.actorType}:${a.actorId}`;

/** Names of the pages and rules among audit targets, keyed `page:<id>` / `rule:<id>`. */
export async function targetLabels(db: DbOrTx, orgId: string, targets: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const of = (type: string) => numericIds(targets.filter((t) => t.targetType === type && t.targetId).map((t) => t.targetId!));
  const pageIds = of("page");
  const ruleIds = of("rule");
  if (pageIds.length) {
    const rows = await db.select({ id: publicPages.id, name: publicPages.name }).from(publicPages).where(and(eq(publicPages.organizationId, orgId), inArray(publicPages.id, pageIds)));
    for (const p of rows) out.set(`page:${p.id}`, p.name);
  }
  if (ruleIds.length) {
    const rows = await db.select({ id: featureRules.id, name: featureRules.name }).from(featureRules).where(and(eq(featureRules.organizationId, orgId), inArray(featureRules.id, ruleIds)));
    for (const r of rows) out.set(`rule:${r.id}`, r.name);
  }
  return out;
}

/**
 * Who published a revision: `published_by` holds the actor's id without its type, so a user id
 * (`user_…`) is looked up as a user and a number as an API key of the organization.
 */
export async function publisherLabels(db: DbOrTx, orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const present = ids.filter((x): x is string => !!x);
  const labels = await actorLabels(db, orgId, [
    ...present.map((id) => ({ actorType: "user" as const, actorId: id })),
    ...present.filter((id) => /^\d+$/.test(id)).map((id) => ({ actorType: "api_key" as const, actorId: id })),
  ]);
  const out = new Map<string, string>();
  for (const id of present) {
    const label = labels.get(`user:${id}`) ?? labels.get(`api_key:${id}`);
    if (label) out.set(id, label);
  }
  return out;
}
