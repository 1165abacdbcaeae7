import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { organizations, planTiers, type PlanTier } from "~/server/db/schema";
import type { OrgInfo } from "~/server/auth/types";
import { activeCustomSubdomain } from "~/server/limits";
import { assertNameFree, nameHolder, normalizeName, retryingClaim } from "./namespace";

const orgColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  planTier: organizations.planTier,
  customSubdomain: organizations.customSubdomain,
  usageLimits: organizations.usageLimits,
  embedOrigins: organizations.embedOrigins,
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

/** A custom subdomain only counts while the organization's plan allows one. */
export async function getOrgBySubdomain(db: DbOrTx, sub: string): Promise<OrgInfo | null> {
  const [row] = await db.select(orgColumns).from(organizations).where(eq(organizations.customSubdomain, sub)).limit(1);
  return row && activeCustomSubdomain(row) ? row : null;
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

/** A slug no organization or the platform holds yet (`acme`, `acme-2`, …). */
export async function uniqueOrgSlug(db: DbOrTx, base: string): Promise<string> {
  const stem = slugify(base);
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? stem : `${stem}-${i}`;
    if (!(await nameHolder(db, candidate))) return candidate;
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
  const slug = normalizeName(input.slug ?? (await uniqueOrgSlug(db, input.name)));
  const tier = input.planTier && planTiers.includes(input.planTier) ? input.planTier : "personal";
  await retryingClaim(slug, "slug", () =>
    db.transaction(async (tx) => {
      await assertNameFree(tx, slug, input.id, "slug");
      // A concurrent first sight of the same organization is fine: the id is the primary key.
      await tx.insert(organizations).values({ id: input.id, name: input.name, slug, planTier: tier }).onDuplicateKeyUpdate({ set: { id: input.id } });
    }),
  );
  const created = await getOrgById(db, input.id);
  if (!created) throw new Error(`Organization ${input.id} could not be created (slug "${slug}" taken?)`);
  return created;
}
