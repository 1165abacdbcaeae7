import { forbidden } from "~/server/errors";
import type { PlanTier } from "~/server/db/schema";
import { effectiveLimits, withinLimit, type LimitName } from "./tiers";

export { activeCustomSubdomain, customSubdomainAllowed, effectiveLimits, tierLimits, limitNames, withinLimit, type LimitName, type Limits } from "./tiers";

export interface LimitSubject {
  planTier: PlanTier;
  usageLimits: Partial<Record<string, number | null>> | null;
}

const describe: Record<LimitName, string> = {
  sourceSchemas: "source schemas",
  targetSchemas: "target schemas",
  sourceRowsPerDataset: "source rows per dataset",
  targetRowsPerDataset: "target rows per dataset",
  dimensionsPerSchema: "dimensions per schema",
  rulesPerPage: "rules per page",
  customSubdomain: "custom subdomain",
};

/**
 * Throws FORBIDDEN when `use` (what there would be after the write) exceeds the limit.
 * The error's details name the limit, the use, the maximum and the tier — clients key off them.
 */
export function assertWithinLimit(org: LimitSubject, limit: LimitName, use: number): void {
  if (withinLimit(org, limit, use)) return;
  const max = effectiveLimits(org.planTier, org.usageLimits)[limit]!;
  const message =
    limit === "customSubdomain"
      ? `A custom subdomain needs a paid plan (this organization is on the ${org.planTier} plan)`
      : `Limit reached: ${describe[limit]} — ${use.toLocaleString("en-US")} would exceed the ${org.planTier} plan's ${max.toLocaleString("en-US")}`;
  throw forbidden(message, { limit, use, max, tier: org.planTier });
}
