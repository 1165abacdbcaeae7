import type { PlanTier } from "~/server/db/schema";

/** Limit names are part of the API: they appear in FORBIDDEN errors and in `org.usage`. */
export const limitNames = [
  "sourceSchemas",
  "targetSchemas",
  "sourceRowsPerDataset",
  "targetRowsPerDataset",
  "dimensionsPerSchema",
  "rulesPerPage",
  "customSubdomain",
] as const;
export type LimitName = (typeof limitNames)[number];

/** `null` = unlimited; for `customSubdomain`, 1 = allowed and 0 = not. (docs/limits.md) */
export type Limits = Record<LimitName, number | null>;

const paid: Limits = {
  sourceSchemas: null,
  targetSchemas: null,
  sourceRowsPerDataset: 100_000,
  targetRowsPerDataset: 10_000,
  dimensionsPerSchema: 10,
  rulesPerPage: 100,
  customSubdomain: 1,
};

export const tierLimits: Record<PlanTier, Limits> = {
  personal: {
    sourceSchemas: 2,
    targetSchemas: 2,
    sourceRowsPerDataset: 1_000,
    targetRowsPerDataset: 100,
    dimensionsPerSchema: 4,
    rulesPerPage: 10,
    customSubdomain: 0,
  },
  team: paid,
  enterprise: paid,
};

/** Tier defaults with the organization's own overrides (`usage_limits`) on top. */
export function effectiveLimits(tier: PlanTier, overrides: Partial<Record<string, number | null>> | null): Limits {
  const limits = { ...tierLimits[tier] };
  for (const name of limitNames) {
    const v = overrides?.[name];
    if (v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0)) limits[name] = v;
  }
  return limits;
}

type LimitSubject = { planTier: PlanTier; usageLimits: Partial<Record<string, number | null>> | null };

/** Whether `use` (what there would be after a write) stays within the organization's limit. */
export function withinLimit(org: LimitSubject, limit: LimitName, use: number): boolean {
  const max = effectiveLimits(org.planTier, org.usageLimits)[limit];
  return max === null || use <= max;
}

/**
 * THE rule for custom subdomains (the only place it is written): the plan — or the organization's
 * own override — allows one. Setting one (org.update, through assertWithinLimit), serving one
 * (tenant resolution) and showing one (dashboard) all come here.
 */
export function customSubdomainAllowed(org: LimitSubject): boolean {
  return withinLimit(org, "customSubdomain", 1);
}

/** The subdomain an organization's public pages answer at: its custom subdomain while the rule allows it. */
export function activeCustomSubdomain(org: LimitSubject & { customSubdomain: string | null }): string | null {
  return org.customSubdomain && customSubdomainAllowed(org) ? org.customSubdomain : null;
}
