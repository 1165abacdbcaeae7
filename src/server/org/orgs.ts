import { eq, or } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { organizations, planTiers, type PlanTier } from "~/server/db/schema";
import type { OrgInfo } from "~/server/auth/types";

const orgColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  planTier: organizations.planTier,
  customSubdomain: organizations.customSubdomain,
  usageLimits: organizations.usageLimits,
};

export async function getOrgById(db: DbOrTx, id: string): Promise<OrgInfo | null> {
  const [row] = await db.select(orgColumns).from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}

export async function getOrgBySlug(db: DbOrTx, slug: string): Promise<OrgInfo | null> {
  const [row] = await db.select(orgColumns).from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return row ?? null;
}

/** The slug Convex knows the organization by (its id when the row is gone). */
export async function orgSlugOf(db: DbOrTx, orgId: string): Promise<string> {
  const [row] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row?.slug ?? orgId;
}

/** A custom subdomain only counts while the organization is on a paid tier. */
export async function getOrgBySubdomain(db: DbOrTx, sub: string): Promise<OrgInfo | null> {
  const [row] = await db.select(orgColumns).from(organizations).where(eq(organizations.customSubdomain, sub)).limit(1);
  return row && row.planTier !== "personal" ? row : null;
}

/** Turns a display name into a slug candidate: lowercase letters, digits and single dashes. */
export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return s || "org";
}

/** A slug not yet taken (`acme`, `acme-2`, …). */
export async function uniqueOrgSlug(db: DbOrTx, base: string): Promise<string> {
  const stem = slugify(base);
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? stem : `${stem}-${i}`;
    const [taken] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(or(eq(organizations.slug, candidate), eq(organizations.customSubdomain, candidate)))
      .limit(1);
    if (!taken) return candidate;
  }
  throw new Error(`No free slug for "${base}"`);
}

/** Creates the organization if it is missing; never changes an existing one's tier or slug. */
export async function upsertOrganization(
  db: DbOrTx,
  input: { id: string; name: string; slug?: string; planTier?: PlanTier },
): Promise<OrgInfo> {
  const existing = await getOrgById(db, input.id);
  if (existing) return existing;
  const slug = input.slug ?? (await uniqueOrgSlug(db, input.name));
  const tier = input.planTier && planTiers.includes(input.planTier) ? input.planTier : "personal";
  const owner = await getOrgBySlug(db, slug);
  if (owner) throw new Error(`The slug "${slug}" already belongs to organization ${owner.id}`);
  // A concurrent first sight of the same organization is fine: the id is the primary key.
  await db.insert(organizations).values({ id: input.id, name: input.name, slug, planTier: tier }).onDuplicateKeyUpdate({ set: { id: input.id } });
  const created = await getOrgById(db, input.id);
  if (!created) throw new Error(`Organization ${input.id} could not be created (slug "${slug}" taken?)`);
  return created;
}
