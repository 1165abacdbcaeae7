/**
 * Dropdown options of a published page, read from the option index that publish and import built
 * (`../published/option-index.ts`).
 */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { optionIndex } from "~/server/db/schema";
import type { OptionValue } from "../published/option-index";

/** Options under one parent, reassembled from shards in order; [] when that parent has none. */
export async function readOptions(db: DbOrTx, orgId: string, pageId: number, revisionId: number, sourceVersion: number, level: number, parentHash: string): Promise<OptionValue[]> {
  const shards = await db
    .select({ shard: optionIndex.shard, values: optionIndex.valuesJson })
    .from(optionIndex)
    .where(
      and(
        eq(optionIndex.organizationId, orgId),
        eq(optionIndex.pageId, pageId),
        eq(optionIndex.revisionId, revisionId),
        eq(optionIndex.sourceVersion, sourceVersion),
        eq(optionIndex.level, level),
        eq(optionIndex.parentHash, parentHash),
      ),
    )
    .orderBy(asc(optionIndex.shard));
  return shards.flatMap((s) => s.values);
}
