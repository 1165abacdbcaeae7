/**
 * Operator bootstrap: `npm run api-key -- create --org <slug> [--tier personal|team|enterprise] [--name <label>]`
 * creates the organization if missing and prints a new API key as the last line of stdout.
 */
import { parseArgs } from "node:util";
import { env } from "~/env";
import { createDb } from "~/server/db/client";
import { planTiers, type PlanTier } from "~/server/db/schema";
import { createApiKey } from "~/server/auth/api-keys";
import { getOrgBySlug, upsertOrganization } from "~/server/org/orgs";
import { checkReachable, ensureDatabase, migrateDatabase } from "~/server/db/migrate";

const usage = `usage: npm run api-key -- create --org <slug> [--tier personal|team|enterprise] [--name <label>]

Creates the organization <slug> if it does not exist (on the given tier, default personal),
then creates an API key for it and prints the key as the last line of stdout.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: "string" }, tier: { type: "string" }, name: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals[0] !== "create") {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const slug = values.org?.trim().toLowerCase();
  if (!slug || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug)) {
    console.error(`--org must be a slug (lowercase letters, digits, dashes); got ${JSON.stringify(values.org ?? "")}`);
    return 2;
  }
  if (values.tier && !planTiers.includes(values.tier as PlanTier)) {
    console.error(`--tier must be one of ${planTiers.join(", ")}; got ${values.tier}`);
    return 2;
  }
  await checkReachable(env.DATABASE_URL);
  await ensureDatabase(env.DATABASE_URL);
  await migrateDatabase(env.DATABASE_URL);
  const handle = createDb(env.DATABASE_URL);
  try {
    let org = await getOrgBySlug(handle.db, slug);
    if (!org) {
      org = await upsertOrganization(handle.db, { id: `org_local_${slug}`, name: slug, slug, planTier: values.tier as PlanTier | undefined });
      console.log(`created organization ${org.slug} (${org.planTier})`);
    } else if (values.tier && values.tier !== org.planTier) {
      console.log(`organization ${org.slug} exists on the ${org.planTier} tier; --tier ignored`);
    }
    const key = await createApiKey(
      { db: handle.db, orgId: org.id, actor: { type: "system", id: "api-key-script" }, requestId: `cli-${Date.now()}` },
      values.name ?? "cli",
    );
    console.log(`API key "${key.name}" for ${org.slug} (shown once):`);
    console.log(key.key);
    return 0;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  },
);
