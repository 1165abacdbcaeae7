/**
 * The server render's data (app/s/[slug]/page.tsx): tenant, page, options and the selection's
 * summary, read from the held answers — a warm render runs no SQL at all (statements counted
 * through the db client), and what it hands the client is the full answer in first-screen form.
 */
import { describe, expect, it } from "vitest";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { compactFinderResult } from "~/lib/compact-result";
import { createTestOrg } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";
import { firstScreen } from "./first-screen";
import { countedHeldReads } from "./held-reads.test-support";
import { publicPageInfo, publicResult } from "./public";

const { db, statements } = countedHeldReads();

/** What the page does per render: tenant → page → first screen. */
async function render(orgSlug: string, slug: string, path: string[]) {
  const org = await resolvePublicTenant(db, { by: "slug", value: orgSlug, basePath: `/p/${orgSlug}` });
  if (!org) throw new Error("no tenant");
  const page = await publicPageInfo(db, org, slug);
  return { org, page, screen: await firstScreen(db, org, page, { path, page: 1 }) };
}

describe("server render data", () => {
  it("a warm Finder render at the deepest selection runs no SQL and carries the compact result", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const orgSlug = org.session.org.slug;
    const path = ["web", "t3chat"];

    const cold = await render(orgSlug, "llm-finder", path);
    expect(cold.screen.options.map((o) => o.input.level)).toEqual([0, 1]);
    const full = await publicResult(db, cold.org, "llm-finder", path, 1);
    expect(cold.screen.summary!.data).toEqual(compactFinderResult(full));
    expect(JSON.stringify(cold.screen.summary!.data)).not.toContain('"explanation"');

    statements.length = 0;
    const warm = await render(orgSlug, "llm-finder", path);
    expect(statements).toEqual([]);
    expect(warm.screen).toEqual(cold.screen);
  });

  it("a warm Matrix render runs no SQL; a publish is seen by the next render in this process", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org, { template: "matrix", slug: "llm-matrix" });
    await org.caller.pages.publish({ pageId: page.id });
    const orgSlug = org.session.org.slug;
    const cold = await render(orgSlug, "llm-matrix", []);
    expect(cold.screen.matrix!.data.rows.length).toBeGreaterThan(0);
    statements.length = 0;
    await render(orgSlug, "llm-matrix", []);
    expect(statements).toEqual([]);

    await org.caller.rules.create({ pageId: page.id, name: "Anthropic only", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "anthropic"] } });
    await org.caller.pages.publish({ pageId: page.id });
    const after = await render(orgSlug, "llm-matrix", []);
    expect(after.page.revision).toBe(cold.page.revision + 1);
    expect(after.screen.matrix!.data.features.map((f) => f.name)).toContain("Anthropic only");
  });
});
