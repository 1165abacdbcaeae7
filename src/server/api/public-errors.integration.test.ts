/**
 * Issue 11 item 6: errors anonymous visitors see name things by what they are (and the slug the
 * visitor sent), never by internal id. A published page whose dataset is gone used to answer
 * "Source dataset 126 not found" to anyone. docs/public-pages.md "Errors".
 */
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedPages, sourceDatasets } from "~/server/db/schema";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { answerPublicPlain } from "~/server/api/public-http";
import { encodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { createTestOrg, publicCaller, testDb, type TestOrg } from "~/test/helpers";

let org: TestOrg;
let internalIds: string[];

beforeAll(async () => {
  org = await createTestOrg({ tier: "team" });
  const { page, sourceDatasetId, targetDatasetId } = await seedExamplePage(org, { slug: "orphan" });
  const published = await org.caller.pages.publish({ pageId: page.id });
  internalIds = [sourceDatasetId, targetDatasetId, page.id, (published as { revisionId?: number }).revisionId].filter((n): n is number => typeof n === "number").map(String);
  // The page's source dataset is gone, and with it the stored record (a page published before
  // `published_pages` existed is read from its revision: the path that named the dataset's id).
  const db = testDb();
  await db.delete(sourceDatasets).where(and(eq(sourceDatasets.organizationId, org.session.org.id), eq(sourceDatasets.id, sourceDatasetId)));
  await db.delete(publishedPages).where(eq(publishedPages.organizationId, org.session.org.id));
});

const tenant = () => ({ by: "slug" as const, value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });

async function failureOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

const noIds = (text: string) => {
  for (const id of internalIds) expect(text, `internal id ${id} in ${JSON.stringify(text)}`).not.toMatch(new RegExp(`(^|\\D)${id}(\\D|$)`));
};

describe("public errors carry no internal ids", () => {
  it("a page whose dataset is gone: NOT_FOUND naming the dataset, without its id (tRPC)", async () => {
    const visitor = publicCaller(tenant(), `198.51.100.${Math.floor(Math.random() * 200)}`);
    for (const call of [visitor.public.page({ slug: "orphan" }), visitor.public.options({ slug: "orphan", level: 0, path: [] }), visitor.public.matrix({ slug: "orphan" })]) {
      const err = await failureOf(call);
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toMatch(/dataset not found/i);
      noIds(err.message);
      noIds(JSON.stringify((err.cause as { details?: unknown } | undefined)?.details ?? null));
    }
  });

  it("the same over plain HTTP (/api/public/page)", async () => {
    const req = new Request(`http://localhost/api/public/page?slug=orphan`, { headers: { [TENANT_HEADER]: encodeTenantHeader(tenant()), "x-forwarded-for": "198.51.100.77" } });
    const res = await answerPublicPlain(req, "page", testDb());
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toMatch(/not found/i);
    noIds(text);
  });

  it("a slug the visitor sent is still named", async () => {
    const err = await failureOf(publicCaller(tenant(), "198.51.100.78").public.page({ slug: "no-such-page" }));
    expect(err.message).toBe("Page no-such-page not found");
  });

  it("admins still get the id they asked about", async () => {
    const err = await failureOf(org.caller.pages.get({ id: 987654 }));
    expect(err.message).toMatch(/987654/);
  });
});
