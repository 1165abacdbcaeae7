import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "~/server/db/schema";
import { createTestOrg, testDb } from "~/test/helpers";
import { seedExamplePage } from "../testing/fixtures";
import { errorOf } from "~/test/trpc-errors";


describe("overrides", () => {
  it("exact pair beats source-wide beats target-wide, and the breakdown stays", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const verdictOf = async (key: string) => {
      const r = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
      return r.targets.find((t) => t.key === key)!;
    };
    expect((await verdictOf("claude37")).verdict).toBe(0);

    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "*", targetKey: "claude37", verdict: 1, note: "target-wide" });
    expect(await verdictOf("claude37")).toMatchObject({ verdict: 1, overridden: true, note: "target-wide", computedVerdict: 0 });

    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: null, verdict: 0, note: "source-wide" });
    expect(await verdictOf("claude37")).toMatchObject({ verdict: 0, note: "source-wide" });
    expect(await verdictOf("gpt41")).toMatchObject({ verdict: 0, overridden: true });

    const exact = await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: "claude37", verdict: 2, note: "vetted" });
    const claude = await verdictOf("claude37");
    expect(claude).toMatchObject({ verdict: 2, note: "vetted", overridden: true });
    expect(claude.features.some((f) => f.status === "fail")).toBe(true);

    // Upsert replaces the same pair rather than adding a row.
    await org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: "claude37", verdict: 1, note: "re-vetted" });
    const list = await org.caller.overrides.list({ pageId: page.id });
    expect(list).toHaveLength(3);
    expect(list.find((o) => o.id === exact.id)).toMatchObject({ sourceKey: "t3chat", targetKey: "claude37", verdict: 1, note: "re-vetted" });
    expect(list.find((o) => o.note === "target-wide")).toMatchObject({ sourceKey: null, targetKey: "claude37" });

    await org.caller.overrides.delete({ id: exact.id });
    expect((await verdictOf("claude37")).note).toBe("source-wide");
    const actions = (await testDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, org.session.org.id))).map((a) => a.action);
    for (const a of ["override.create", "override.update", "override.delete"]) expect(actions).toContain(a);
  });

  it("keys must exist in the page's datasets, and (*, *) is refused", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const unknownSource = await errorOf(org.caller.overrides.upsert({ pageId: page.id, sourceKey: "ghost", targetKey: "gpt41", verdict: 2, note: null }));
    expect(unknownSource.code).toBe("BAD_REQUEST");
    expect(unknownSource.message).toContain('source key "ghost"');
    const unknownTarget = await errorOf(org.caller.overrides.upsert({ pageId: page.id, sourceKey: "t3chat", targetKey: "gpt-9", verdict: 2, note: null }));
    expect(unknownTarget.message).toContain('target key "gpt-9"');
    // A source key is not a target key.
    expect((await errorOf(org.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "t3chat", verdict: 2, note: null }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(org.caller.overrides.upsert({ pageId: page.id, sourceKey: "*", targetKey: null, verdict: 2, note: null }))).code).toBe("BAD_REQUEST");
    expect(await org.caller.overrides.list({ pageId: page.id })).toEqual([]);
  });
});
