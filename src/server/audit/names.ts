/**
 * Names for ids the audit log and revision list store: a user id reads as the person's email
 * (their name beside it when known), an API key id as the key's name, and every other target by
 * what people call it — a page, rule, schema, dataset or API key by its name, an import by its
 * dataset (and file), a webhook by its URL, an override by its pair (docs/dashboard.md). Lookups
 * are by the ids of one screen of entries, within the organization only.
 */
import { and, eq, inArray } from "drizzle-orm";
import { catalogNames, sides, type CatalogObject } from "~/server/catalog";
import type { DbOrTx } from "~/server/db/client";
import { apiKeys, featureRules, overrides, publicPages, users } from "~/server/db/schema";
import { getOrgById } from "~/server/org/orgs";
import { webhookUrls } from "~/server/webhooks";

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

/** Names of the audit targets, keyed `<targetType>:<id>`; targets that no longer exist are absent. */
export async function targetLabels(db: DbOrTx, orgId: string, targets: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const of = (type: string) => numericIds(targets.filter((t) => t.targetType === type && t.targetId).map((t) => t.targetId!));
  const put = (type: string, names: Map<number, string>) => names.forEach((name, id) => out.set(`${type}:${id}`, name));
  const inOrg = async <T extends { id: number }>(type: string, read: (ids: number[]) => Promise<T[]>, name: (row: T) => string) => {
    const ids = of(type);
    if (ids.length) put(type, new Map((await read(ids)).map((r) => [r.id, name(r)])));
  };
  await inOrg("page", (ids) => db.select({ id: publicPages.id, name: publicPages.name }).from(publicPages).where(and(eq(publicPages.organizationId, orgId), inArray(publicPages.id, ids))), (r) => r.name);
  await inOrg("rule", (ids) => db.select({ id: featureRules.id, name: featureRules.name }).from(featureRules).where(and(eq(featureRules.organizationId, orgId), inArray(featureRules.id, ids))), (r) => r.name);
  await inOrg("api_key", (ids) => db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(and(eq(apiKeys.organizationId, orgId), inArray(apiKeys.id, ids))), (r) => r.name);
  await inOrg(
    "override",
    (ids) => db.select({ id: overrides.id, source: overrides.sourceKeyText, target: overrides.targetKeyText }).from(overrides).where(and(eq(overrides.organizationId, orgId), inArray(overrides.id, ids))),
    (r) => `${r.source ?? "any source"} → ${r.target ?? "any target"}`,
  );
  put("webhook", await webhookUrls(db, orgId, of("webhook")));
  for (const side of sides) {
    for (const kind of ["definition", "dataset", "import"] as const satisfies readonly CatalogObject[]) put(`${side}_${kind}`, await catalogNames(db, orgId, side, kind, of(`${side}_${kind}`)));
  }
  if (targets.some((t) => t.targetType === "organization" && t.targetId === orgId)) {
    const org = await getOrgById(db, orgId);
    if (org) out.set(`organization:${orgId}`, org.name);
  }
  return out;
}

/** The name an entry's diff recorded (deletes record what was deleted), for targets that are gone. */
export function nameInDiff(diff: unknown): string | null {
  const name = diff && typeof diff === "object" ? (diff as { name?: unknown }).name : undefined;
  return typeof name === "string" && name ? name : null;
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
