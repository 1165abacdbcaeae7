import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, featureRules, syncOutbox } from "~/server/db/schema";
import { createTestOrg, testDb } from "~/test/helpers";
import { seedDataset, seedExamplePage, sourceCsv, sourceSchema, targetCsv, targetSchema } from "../testing/fixtures";
import { codeOf } from "~/test/trpc-errors";


describe("pages", () => {
  it("a new page can start from another page's rules and overrides; another tenant's page is NOT_FOUND", async () => {
    const org = await createTestOrg();
    const { page, sourceDatasetId, targetDatasetId } = await seedExamplePage(org);
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: "gpt41", verdict: 1, note: "copied" });
    const copy = await org.caller.pages.create({ slug: "copy", name: "Copy", template: "finder", sourceDatasetId, targetDatasetId, copyFromPageId: page.id });
    const names = async (pageId: number) => (await org.caller.rules.list({ pageId })).map((r) => [r.name, r.required, r.weight, JSON.stringify(r.logic)]);
    expect(await names(copy.id)).toEqual(await names(page.id));
    expect((await names(copy.id)).length).toBeGreaterThan(0);
    expect((await org.caller.overrides.list({ pageId: copy.id })).map((o) => o.note)).toEqual(["copied"]);
    const other = await createTestOrg();
    const mine = await seedExamplePage(other, { rules: false });
    expect(await codeOf(other.caller.pages.create({ slug: "steal", name: "S", template: "finder", sourceDatasetId: mine.sourceDatasetId, targetDatasetId: mine.targetDatasetId, copyFromPageId: page.id }))).toBe("NOT_FOUND");
  });

  it("a new page gets the documented defaults, and a matrix groups by provider", async () => {
    const org = await createTestOrg();
    const { page, sourceDatasetId, targetDatasetId } = await seedExamplePage(org, { rules: false });
    expect(page.messaging).toEqual({ headline2: "{compatible} of {total} fully compatible", headline1: "None fully compatible; {partial} of {total} partly", headline0: "None of the {total} is compatible" });
    expect(page.devicePolicy).toMatchObject({ groupBy: null, pageSize: 50, sort: "verdict", hideIncompatible: false, unknownRequired: "partial" });
    expect(page.selectionPolicy).toMatchObject({ aggregate: "worst" });
    expect(page.status).toBe("draft");

    const matrix = await org.caller.pages.create({ slug: "grid", name: "Grid", template: "matrix", sourceDatasetId, targetDatasetId });
    expect(matrix.devicePolicy.groupBy).toBe("provider");
    const ungrouped = await org.caller.pages.update({ id: matrix.id, devicePolicy: { groupBy: null } });
    expect(ungrouped.devicePolicy.groupBy).toBeNull();
  });

  it("slugs are URL-safe and unique per organization", async () => {
    const org = await createTestOrg();
    const { page: taken, sourceDatasetId, targetDatasetId } = await seedExamplePage(org, { rules: false, slug: "taken" });
    const base = { name: "x", template: "finder" as const, sourceDatasetId, targetDatasetId };
    expect(await codeOf(org.caller.pages.create({ ...base, slug: "taken" }))).toBe("CONFLICT");
    expect(await codeOf(org.caller.pages.create({ ...base, slug: "Not Safe/../" }))).toBe("BAD_REQUEST");
    // The middleware routes these itself under a tenant: a page so named could never be reached.
    for (const reserved of ["api", "embed", "badge"]) expect(await codeOf(org.caller.pages.create({ ...base, slug: reserved }))).toBe("BAD_REQUEST");
    expect(await codeOf(org.caller.pages.create({ ...base, slug: "ok-slug", devicePolicy: { pageSize: 5000 } }))).toBe("BAD_REQUEST");
    // Another organization may use the same slug: it gets a page of its own, and the first one is untouched.
    const other = await createTestOrg();
    const theirs = (await seedExamplePage(other, { rules: false, slug: "taken" })).page;
    expect(theirs).toMatchObject({ slug: "taken" });
    expect(theirs.id).not.toBe(taken.id);
    expect((await other.caller.pages.list()).map((p) => p.slug)).toEqual(["taken"]);
    expect(await org.caller.pages.get({ id: taken.id })).toMatchObject({ slug: "taken", name: taken.name });
  });

  it("another tenant's dataset ids answer NOT_FOUND", async () => {
    const a = await createTestOrg();
    const b = await createTestOrg();
    const foreignSource = await seedDataset(a.caller, "sources", sourceSchema, sourceCsv);
    const ownTarget = await seedDataset(b.caller, "targets", targetSchema, targetCsv);
    const input = { slug: "p", name: "p", template: "finder" as const, sourceDatasetId: foreignSource, targetDatasetId: ownTarget };
    expect(await codeOf(b.caller.pages.create(input))).toBe("NOT_FOUND");
  });

  it("get reports publish status, revision number and whether the draft moved", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    let detail = await org.caller.pages.get({ id: page.id });
    expect(detail).toMatchObject({ status: "draft", revision: null, draftDiffers: true, ruleCount: 3 });

    await org.caller.pages.publish({ pageId: page.id });
    detail = await org.caller.pages.get({ id: page.id });
    expect(detail).toMatchObject({ status: "published", revision: { number: 1 }, draftDiffers: false });

    await org.caller.pages.update({ id: page.id, messaging: { headline2: "All good" } });
    detail = await org.caller.pages.get({ id: page.id });
    expect(detail.draftDiffers).toBe(true);
    expect(detail.messaging).toMatchObject({ headline2: "All good", headline1: "None fully compatible; {partial} of {total} partly" });
  });

  it("members can read but not write", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org, { rules: false });
    expect(await org.memberCaller.pages.get({ id: page.id })).toMatchObject({ id: page.id, slug: page.slug, name: page.name, status: "draft" });
    expect(await codeOf(org.memberCaller.pages.update({ id: page.id, name: "no" }))).toBe("FORBIDDEN");
    expect(await codeOf(org.memberCaller.pages.publish({ pageId: page.id }))).toBe("FORBIDDEN");
    expect(await org.caller.pages.get({ id: page.id })).toMatchObject({ name: page.name, status: "draft", revision: null });
  });

  it("delete removes rules, revisions and caches, and tells Convex to drop the page", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    await org.caller.pages.evaluate({ pageId: page.id, path: ["web"], draft: false });
    await org.caller.pages.delete({ id: page.id });

    expect(await codeOf(org.caller.pages.get({ id: page.id }))).toBe("NOT_FOUND");
    const db = testDb();
    const rules = await db.select().from(featureRules).where(and(eq(featureRules.organizationId, org.session.org.id), eq(featureRules.pageId, page.id)));
    expect(rules).toHaveLength(0);
    const removal = await db
      .select({ kind: syncOutbox.kind })
      .from(syncOutbox)
      .where(and(eq(syncOutbox.organizationId, org.session.org.id), eq(syncOutbox.kind, "page-remove")));
    expect(removal).toHaveLength(1);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, org.session.org.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["page.create", "rule.create", "page.publish", "page.delete"]));
  });
});
