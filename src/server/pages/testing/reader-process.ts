/**
 * A second server process for tests (pointer-staleness.integration.test.ts): its own module
 * instances and in-process holds, on the same database, reading the public path as a server does.
 * One JSON request per stdin line — {"id", "orgSlug", "slug", "path"?} — one JSON answer per
 * stdout line: the page info, and the Finder result's feature names when `path` is given.
 */
import { createInterface } from "node:readline";
import { createDb } from "~/server/db/client";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { publicPageInfo, publicResult } from "~/server/pages";

const { db } = createDb(process.env.DATABASE_URL!);

async function answer(req: { id: number; orgSlug: string; slug: string; path?: string[] }) {
  const org = await resolvePublicTenant(db, { by: "slug", value: req.orgSlug, basePath: `/p/${req.orgSlug}` });
  if (!org) return { id: req.id, found: false };
  const page = await publicPageInfo(db, org, req.slug);
  const result = req.path ? await publicResult(db, org, req.slug, req.path, 1) : null;
  return { id: req.id, found: true, page, features: result?.features.map((f) => f.name) ?? null };
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const req = JSON.parse(line) as { id: number; orgSlug: string; slug: string; path?: string[] };
  answer(req).then(
    (a) => process.stdout.write(`${JSON.stringify(a)}\n`),
    (err: unknown) => process.stdout.write(`${JSON.stringify({ id: req.id, error: String(err) })}\n`),
  );
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
