import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller, testDb } from "~/test/helpers";
import { encodeTenantHeader, TENANT_HEADER, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { reimport, seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";
import { atomFeedResponse } from "./feed-response";

async function feedOf(tenant: TenantRef, slug: string, query = "") {
  const res = await atomFeedResponse(testDb(), new Request(`http://example.test/s/${slug}/changes.atom${query}`, {
    headers: { host: "example.test", [TENANT_HEADER]: encodeTenantHeader(tenant), "x-forwarded-for": "203.0.113.9" },
  }), slug);
  return { res, text: await res.text() };
}

describe("public changelog and Atom feeds", () => {
  it("list a rule change and a data re-import, per page and per Finder selection, as valid Atom", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules, targetDatasetId } = await seedExamplePage(org, { slug: "feed-page" });
    await org.caller.pages.publish({ pageId: page.id, note: "Launch" });
    await org.caller.rules.delete({ id: rules[2]!.id });
    await org.caller.pages.publish({ pageId: page.id, note: "Any provider & <all> models" });
    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("gpt41mini,GPT-4.1 mini,openai,true,false", "gpt41mini,GPT-4.1 mini,openai,true,true"));

    const orgRow = org.session.org;
    const tenant: TenantRef = { by: "slug", value: orgRow.slug, basePath: `/p/${orgRow.slug}` };
    const visitor = publicCaller(tenant);
    const log = await visitor.public.changes({ slug: "feed-page" });
    expect(log.items.map((e) => [e.revision, e.cause, e.changed])).toEqual([
      [2, "target-data", 2],
      [2, "publish", 5],
      [1, "publish", 0],
    ]);
    expect(log.items[1]!.note).toBe("Any provider & <all> models");

    const { res, text } = await feedOf(tenant, "feed-page");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/atom+xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = parseFeed(text);
    expect(feed.meta.type).toBe("atom");
    expect(feed.items.map((i) => i.title)).toEqual([
      "Revision 2: target data updated: 2 verdicts changed (2 better, 0 worse)",
      "Revision 2 published: 5 verdicts changed (5 better, 0 worse)",
      "Revision 1 published: no verdict changed",
    ]);
    expect(feed.items[0]!.description).toContain("GPT-4.1 mini: partial → compatible (target data changed: supportsToolCalling)");
    expect(feed.items[1]!.description).toContain("Note: Any provider & <all> models");
    expect(feed.self).toBe(`http://example.test/p/${orgRow.slug}/feed-page/changes.atom`);

    // "The models for my app": the selection web › t3chat sees only its own pairs.
    const sel = await feedOf(tenant, "feed-page", "?path=web&path=t3chat");
    expect(XMLValidator.validate(sel.text)).toBe(true);
    const selFeed = parseFeed(sel.text);
    expect(selFeed.items.map((i) => i.title)).toEqual([
      "Revision 2: target data updated: 1 verdict changed (1 better, 0 worse)",
      "Revision 2 published: 1 verdict changed (1 better, 0 worse)",
      "Revision 1 published: no verdict changed",
    ]);
    expect(selFeed.items[1]!.description).toContain("t3.chat × Claude 3.7: incompatible → compatible");
    expect(selFeed.items[1]!.description).not.toContain("MyApp");

    // Another tenant's visitor, or an unpublished slug: 404.
    expect((await feedOf({ by: "slug", value: "nobody-here", basePath: "/p/nobody-here" }, "feed-page")).res.status).toBe(404);
    expect((await feedOf(tenant, "no-such-page")).res.status).toBe(404);
  });
});
