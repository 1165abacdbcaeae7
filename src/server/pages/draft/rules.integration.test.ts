import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, featureRules } from "~/server/db/schema";
import { createTestOrg, testDb } from "~/test/helpers";
import { exampleRules, seedExamplePage } from "../testing/fixtures";
import { errorOf } from "~/test/trpc-errors";


function deep(depth: number): unknown {
  let v: unknown = { var: "source.needsStreaming" };
  for (let i = 0; i < depth; i++) v = { "!": [v] };
  return v;
}

async function storedRules(orgId: string, pageId: number) {
  return testDb().select({ id: featureRules.id }).from(featureRules).where(and(eq(featureRules.organizationId, orgId), eq(featureRules.pageId, pageId)));
}

describe("rules", () => {
  it("the spec's example rules give the expected verdicts through pages.evaluate", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const result = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    expect(result.needsDeeperSelection).toBe(false);
    expect(result.matchedSources).toBe(1);
    const verdicts = Object.fromEntries(result.targets.map((t) => [t.key, t.verdict]));
    expect(verdicts).toEqual({ gpt41: 2, gpt41mini: 1, claude37: 0, llama33: 0 });
    expect(result.counts).toEqual({ compatible: 1, partial: 1, incompatible: 2, total: 4 });
    expect(result.verdict).toBe(2);
    expect(result.headline).toBe("{compatible} of {total} fully compatible");
    const mini = result.targets.find((t) => t.key === "gpt41mini")!;
    expect(mini.score).toBe(0);
    const toolRule = result.features.find((f) => f.name === "Tool Calling Support")!;
    const toolStatus = mini.features.find((f) => f.ruleId === toolRule.id)!;
    expect(toolStatus.status).toBe("fail");
    expect(toolStatus.explanation?.text).toContain("target.supportsToolCalling");
  });

  it("pages.check explains one pair", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    const pair = await org.caller.pages.check({ pageId: page.id, sourceKey: "t3chat", targetKey: "llama33" });
    expect(pair.verdict).toBe(0);
    const failed = pair.features.filter((f) => f.status === "fail").map((f) => f.rule?.name);
    expect(failed).toEqual(["Streaming Support", "OpenAI Provider Required"]);
    expect((await errorOf(org.caller.pages.check({ pageId: page.id, sourceKey: "nope", targetKey: "llama33" }))).code).toBe("BAD_REQUEST");
  });

  it("hostile rules are refused with a clear error and never stored", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page } = await seedExamplePage(org, { rules: false });
    const base = { pageId: page.id, name: "hostile", required: true, weight: 1 };
    const huge = { in: ["x", Array.from({ length: 700_000 }, (_, i) => `value-${i}`)] }; // ≈ 5 MB
    const cases: [string, unknown][] = [
      ["unknown operator", { eval: ["process.exit()"] }],
      ["unknown var", { "==": [{ var: "source.doesNotExist" }, true] }],
      ["10,000 deep", deep(10_000)],
      ["5 MB", huge],
    ];
    for (const [what, logic] of cases) {
      const err = await errorOf(org.caller.rules.create({ ...base, logic }));
      expect(err.code, what).toBe("BAD_REQUEST");
      expect(err.message.length, what).toBeLessThan(2000);
    }
    const unknownVar = await errorOf(org.caller.rules.create({ ...base, logic: { "==": [{ var: "source.doesNotExist" }, true] } }));
    const details = (unknownVar.cause as { details?: { errors?: { path: string; message: string }[] } }).details;
    expect(details?.errors?.[0]?.path).toMatch(/^\$/);
    expect(details?.errors?.[0]?.message).toContain("doesNotExist");
    expect(await storedRules(org.session.org.id, page.id)).toHaveLength(0);

    // validate is the same check without storing anything.
    const dry = await org.caller.rules.validate({ pageId: page.id, logic: { "==": [{ var: "target.nope" }, 1] } });
    expect(dry.ok).toBe(false);
    expect(dry.errors[0]?.message).toContain("nope");
    expect((await org.caller.rules.validate({ pageId: page.id, logic: exampleRules[2]!.logic })).ok).toBe(true);
    expect((await errorOf(org.caller.rules.validate({ pageId: page.id, logic: deep(10_000) }))).code).toBe("BAD_REQUEST");
  });

  it("updates are validated too, and weight must be positive", async () => {
    const org = await createTestOrg();
    const { rules } = await seedExamplePage(org);
    const rule = rules[0]!;
    expect((await errorOf(org.caller.rules.update({ id: rule.id, logic: { foo: [1] } }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(org.caller.rules.update({ id: rule.id, weight: 0 }))).code).toBe("BAD_REQUEST");
    const updated = await org.caller.rules.update({ id: rule.id, name: "Streaming", weight: 3 });
    expect(updated).toMatchObject({ name: "Streaming", weight: 3 });
    expect(updated.logic).toEqual(exampleRules[0]!.logic);
  });

  it("the rules-per-page limit follows the tier", async () => {
    const personal = await createTestOrg({ tier: "personal" });
    const { page } = await seedExamplePage(personal);
    for (let i = 3; i < 10; i++) await personal.caller.rules.create({ pageId: page.id, ...exampleRules[2]!, name: `r${i}` });
    const err = await errorOf(personal.caller.rules.create({ pageId: page.id, ...exampleRules[2]!, name: "eleventh" }));
    expect(err.code).toBe("FORBIDDEN");
    expect((err.cause as { details?: unknown }).details).toMatchObject({ limit: "rulesPerPage", use: 11, max: 10, tier: "personal" });

    const team = await createTestOrg({ tier: "team" });
    const teamPage = (await seedExamplePage(team)).page;
    for (let i = 3; i < 11; i++) await team.caller.rules.create({ pageId: teamPage.id, ...exampleRules[2]!, name: `r${i}` });
    expect(await team.caller.rules.list({ pageId: teamPage.id })).toHaveLength(11);
  });

  it("reorder takes exactly the page's rules", async () => {
    const org = await createTestOrg();
    const { page, rules } = await seedExamplePage(org);
    const ids = rules.map((r) => r.id);
    const reversed = [...ids].reverse();
    const listed = await org.caller.rules.reorder({ pageId: page.id, ruleIds: reversed });
    expect(listed.map((r) => r.id)).toEqual(reversed);
    expect((await errorOf(org.caller.rules.reorder({ pageId: page.id, ruleIds: ids.slice(1) }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(org.caller.rules.reorder({ pageId: page.id, ruleIds: [...ids, ids[0]!] }))).code).toBe("BAD_REQUEST");
    expect((await errorOf(org.caller.rules.reorder({ pageId: page.id, ruleIds: [ids[0]!, ids[1]!, 999_999_999] }))).code).toBe("BAD_REQUEST");
    const evaluated = await org.caller.pages.evaluate({ pageId: page.id, path: ["web"] });
    expect(evaluated.features.map((f) => Number(f.id))).toEqual(reversed);
  });

  it("every rule write is audited", async () => {
    const org = await createTestOrg();
    const { page, rules } = await seedExamplePage(org);
    await org.caller.rules.update({ id: rules[0]!.id, name: "renamed" });
    await org.caller.rules.reorder({ pageId: page.id, ruleIds: rules.map((r) => r.id).reverse() });
    await org.caller.rules.delete({ id: rules[1]!.id });
    const actions = (await testDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, org.session.org.id))).map((a) => a.action);
    for (const a of ["rule.create", "rule.update", "rule.reorder", "rule.delete"]) expect(actions).toContain(a);
  });
});
