import { count, eq, max, sql } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import {
  featureRules,
  sourceDatasets,
  sourceDefinitions,
  targetDatasets,
  targetDefinitions,
} from "~/server/db/schema";
import { effectiveLimits, limitNames, type LimitName } from "~/server/limits";
import type { OrgInfo } from "~/server/auth/types";

export interface UsageLine {
  limit: LimitName;
  use: number;
  max: number | null;
}

/** Current use against each limit. Per-dataset and per-page limits report the largest one. */
export async function getOrgUsage(db: Db, org: OrgInfo): Promise<{ tier: OrgInfo["planTier"]; lines: UsageLine[] }> {
  const byOrg = <T extends { organizationId: unknown }>(t: T) => eq(t.organizationId as never, org.id);
  const [[srcDefs], [tgtDefs], [srcRows], [tgtRows], [rules], dims] = await Promise.all([
    db.select({ n: count() }).from(sourceDefinitions).where(byOrg(sourceDefinitions)),
    db.select({ n: count() }).from(targetDefinitions).where(byOrg(targetDefinitions)),
    db.select({ n: max(sourceDatasets.rowCount) }).from(sourceDatasets).where(byOrg(sourceDatasets)),
    db.select({ n: max(targetDatasets.rowCount) }).from(targetDatasets).where(byOrg(targetDatasets)),
    db
      .select({ n: sql<number>`coalesce(max(c), 0)` })
      .from(
        db
          .select({ c: count().as("c") })
          .from(featureRules)
          .where(byOrg(featureRules))
          .groupBy(featureRules.pageId)
          .as("per_page"),
      ),
    db.select({ schema: sourceDefinitions.schemaJson }).from(sourceDefinitions).where(byOrg(sourceDefinitions)),
  ]);
  const maxDims = dims.reduce((m, d) => Math.max(m, d.schema.dimensions?.length ?? 0), 0);
  const use: Record<LimitName, number> = {
    sourceSchemas: Number(srcDefs?.n ?? 0),
    targetSchemas: Number(tgtDefs?.n ?? 0),
    sourceRowsPerDataset: Number(srcRows?.n ?? 0),
    targetRowsPerDataset: Number(tgtRows?.n ?? 0),
    dimensionsPerSchema: maxDims,
    rulesPerPage: Number(rules?.n ?? 0),
    customSubdomain: org.customSubdomain ? 1 : 0,
  };
  const limits = effectiveLimits(org.planTier, org.usageLimits);
  return { tier: org.planTier, lines: limitNames.map((limit) => ({ limit, use: use[limit], max: limits[limit] })) };
}
