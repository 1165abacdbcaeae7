import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "~/server/auth/api-keys";
import { callerFor, createTestOrg, testDb } from "~/test/helpers";
import { seedExamplePage } from "~/server/pages/testing/fixtures";

describe("audit log and revision list name people, keys, pages and rules", () => {
  it("shows the user's email and the page's name instead of their ids", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const key = await org.caller.org.apiKeys.create({ name: "deploy" });
    const viaKey = callerFor((await authenticateApiKey(testDb(), key.key))!);
    const rules = await org.caller.rules.list({ pageId: page.id });
    await viaKey.rules.update({ id: rules[0]!.id, weight: 3 });
    await viaKey.pages.publish({ pageId: page.id });

    const { items } = await org.caller.org.audit({ limit: 100 });
    const email = `admin-${org.session.org.slug.slice(2)}@example.test`;
    const publish = items.find((e) => e.action === "page.publish" && e.actorType === "user")!;
    expect(publish.actorLabel).toBe(email);
    expect(publish.targetLabel).toBe(page.name);
    const keyed = items.find((e) => e.action === "rule.update")!;
    expect(keyed.actorLabel).toBe("API key “deploy”");
    expect(keyed.targetLabel).toBe(rules[0]!.name);
    for (const e of items) expect(e.actorLabel).not.toMatch(/^user_test_/);

    const revisions = await org.caller.pages.revisions({ pageId: page.id });
    expect(revisions.map((r) => r.publishedByLabel)).toEqual(["API key “deploy”", email]);
  });

  it("never names another organization's page or key", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    const { page } = await seedExamplePage(a);
    await a.caller.pages.publish({ pageId: page.id });
    // b's log has no entries about a's page; a forged lookup by id through b's org finds nothing.
    const { targetLabels } = await import("./names");
    const labels = await targetLabels(testDb(), b.session.org.id, [{ targetType: "page", targetId: String(page.id) }]);
    expect(labels.size).toBe(0);
  });
});
