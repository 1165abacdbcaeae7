/**
 * One namespace for every name a visitor can type in front of the root domain or after `/p/`:
 * organization slugs, custom subdomains and the platform's reserved names. A name belongs to at
 * most one of them, compared case-insensitively, whichever was claimed first (issue: org B took
 * org A's slug as its subdomain and `{A's slug}.{root}` served B's pages). See docs/foundation.md.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { organizations } from "~/server/db/schema";
import { conflict, isDeadlock } from "~/server/errors";
import { RESERVED_SUBDOMAINS } from "~/server/tenancy/resolve-tenant";

/** Names are stored and compared in lower case (DNS labels are case-insensitive). */
export const normalizeName = (name: string) => name.trim().toLowerCase();

export type NameHolder = { kind: "reserved" } | { kind: "slug" | "subdomain"; orgId: string };

/**
 * Who holds `name`. With `lock`, inside a transaction, the reads lock the name in both unique
 * indexes (InnoDB next-key/gap locks), so two organizations claiming it at once cannot both see
 * it free: one waits, or one is chosen as a deadlock victim and told to try again.
 */
export async function nameHolder(db: DbOrTx, rawName: string, opts: { lock?: boolean } = {}): Promise<NameHolder | null> {
  const name = normalizeName(rawName);
  if (RESERVED_SUBDOMAINS.has(name)) return { kind: "reserved" };
  const bySlug = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, name)).limit(1);
  const [slugOwner] = opts.lock ? await bySlug.for("update") : await bySlug;
  if (slugOwner) return { kind: "slug", orgId: slugOwner.id };
  const bySub = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.customSubdomain, name)).limit(1);
  const [subOwner] = opts.lock ? await bySub.for("update") : await bySub;
  return subOwner ? { kind: "subdomain", orgId: subOwner.id } : null;
}

/**
 * Refuses `name` for organization `orgId` when anything else holds it (its own slug and subdomain
 * are its own). `field` is the input the clear error points at.
 */
export async function assertNameFree(tx: DbOrTx, name: string, orgId: string, field: "slug" | "customSubdomain"): Promise<void> {
  const holder = await nameHolder(tx, name, { lock: true });
  if (!holder || (holder.kind !== "reserved" && holder.orgId === orgId)) return;
  const shown = normalizeName(name);
  const what = field === "slug" ? "address" : "subdomain";
  throw conflict(
    holder.kind === "reserved"
      ? `"${shown}" is reserved for the platform; choose another ${what}`
      : `"${shown}" is already in use by another organization (organization addresses and subdomains share one namespace); choose another ${what}`,
    { field, reason: holder.kind === "reserved" ? "reserved" : "taken" },
  );
}

/**
 * Runs a claim (a transaction that called {@link assertNameFree}) again when InnoDB picked it as a
 * deadlock victim: the gap locks of two concurrent claims — even of different names in the same
 * index gap — can deadlock; the rerun sees the winner's commit and either proceeds or gets the
 * clear conflict. After the last attempt the caller is told to try again.
 */
export async function retryingClaim<T>(name: string, field: "slug" | "customSubdomain", claim: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await claim();
    } catch (err) {
      if (!isDeadlock(err)) throw err;
      if (attempt >= 5) throw conflict(`"${normalizeName(name)}" is being claimed by another organization right now; try again`, { field, reason: "busy" });
      await new Promise((r) => setTimeout(r, attempt * 10 + Math.random() * 20));
    }
  }
}
