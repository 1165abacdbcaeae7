import { describe, expect, it } from "vitest";
import { authenticateApiKey } from "~/server/auth/api-keys";
import { callerFor, createTestOrg, testDb } from "~/test/helpers";
import { seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";

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

  it("names every kind of target — schema, dataset, import, key, webhook, override, organization — and a deleted one by the name its entry recorded", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, targetDatasetId, rules } = await seedExamplePage(org);
    await org.caller.targets.datasets.import({ datasetId: targetDatasetId, format: "csv", content: targetCsv, mode: "replace", wait: true, fileName: "models.csv" });
    await org.caller.org.apiKeys.create({ name: "deploy" });
    await org.caller.org.webhooks.create({ url: "http://127.0.0.1:9/audit", events: ["page.published"] });
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: null, verdict: 0, note: null });
    await org.caller.org.update({ name: "Acme Labs" });
    await org.caller.rules.delete({ id: rules[2]!.id });

    const { items } = await org.caller.org.audit({ limit: 100 });
    const labels = (action: string) => items.filter((e) => e.action === action).map((e) => e.targetLabel);
    expect(labels("source.definition.create")).toEqual(["clients"]);
    expect(labels("target.dataset.create")).toEqual(["models"]);
    expect(labels("target.import.complete")).toEqual(["models ← models.csv", "models"]);
    expect(labels("apiKey.create")).toEqual(["deploy"]);
    expect(labels("webhook.create")).toEqual(["http://127.0.0.1:9/audit"]);
    expect(labels("override.create")).toEqual(["t3chat → any target"]);
    expect(labels("org.update")).toEqual(["Acme Labs"]);
    expect(labels("rule.delete")).toEqual([rules[2]!.name]);
    // Nothing is left to read as a bare id.
    expect(items.filter((e) => e.targetId && !e.targetLabel).map((e) => e.action)).toEqual([]);
  });

  it("never names another organization's page or key", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    const { page, sourceDatasetId, rules } = await seedExamplePage(a);
    await a.caller.pages.publish({ pageId: page.id });
    const key = await a.caller.org.apiKeys.create({ name: "deploy" });
    const hook = await a.caller.org.webhooks.create({ url: "http://127.0.0.1:9/audit", events: ["page.published"] });
    const override = await a.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: null, verdict: 0, note: null });
    const [dataset] = await a.caller.sources.datasets.list({});
    const [imported] = await a.caller.sources.imports.list({ datasetId: sourceDatasetId });
    const forged = [
      { targetType: "page", targetId: String(page.id) },
      { targetType: "rule", targetId: String(rules[0]!.id) },
      { targetType: "api_key", targetId: String(key.id) },
      { targetType: "webhook", targetId: String(hook.id) },
      { targetType: "override", targetId: String(override.id) },
      { targetType: "source_dataset", targetId: String(sourceDatasetId) },
      { targetType: "source_definition", targetId: String(dataset!.definitionId) },
      { targetType: "source_import", targetId: String(imported!.id) },
      { targetType: "organization", targetId: a.session.org.id },
    ];
    const { targetLabels } = await import("./names");
    // The same lookups through a's organization name every one, so the check below is not vacuous.
    expect((await targetLabels(testDb(), a.session.org.id, forged)).size).toBe(forged.length);
    // b's log has no entries about a's objects; a forged lookup by id through b's org finds nothing.
    expect([...(await targetLabels(testDb(), b.session.org.id, forged)).keys()]).toEqual([]);
  });
});
