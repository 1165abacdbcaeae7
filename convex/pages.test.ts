// @vitest-environment edge-runtime
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import * as pages from "./pages";
import * as sync from "./sync";
import { displayData, newConvex, ORG_A, ORG_B, resultData, shardsData, target, payloadOf } from "./test.setup";

const pageA = { orgSlug: ORG_A.orgSlug, slug: "llm-finder" };
const root = { level: 0, parentHash: "root" };

describe("public page queries", () => {
  test("options are reassembled from all shards in shard order", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...target(ORG_A, "p1", 1), data: displayData() });
    // Written in reverse so only the index order can put them right.
    await t.run(async (ctx) => {
      for (const [shard, value] of [
        [3, "d"],
        [2, "c"],
        [1, "b"],
        [0, "a"],
      ] as const) {
        await ctx.db.insert("optionShards", {
          organizationId: ORG_A.organizationId,
          pageId: "p1",
          revisionId: 1,
          sourceVersion: 1,
          level: 1,
          parentHash: "h-web",
          shard,
          values: [{ value, count: shard }],
          syncedAt: 0,
        });
      }
    });
    await t.mutation(internal.sync.syncOptionShards, {
      ...target(ORG_A, "p1", 1),
      data: shardsData([["gpt", "claude"], ["llama"], [], ["mistral"]]),
    });

    expect(await t.query(api.pages.getOptions, { ...pageA, level: 1, parentHash: "h-web" })).toEqual({
      values: ["a", "b", "c", "d"].map((value, count) => ({ value, count })),
    });
    const rootValues = await t.query(api.pages.getOptions, { ...pageA, ...root });
    expect(rootValues?.values.map((o) => o.value)).toEqual(["gpt", "claude", "llama", "mistral"]);
  });

  test("an option set with a missing shard is a miss, not a partial list", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...target(ORG_A, "p1", 1), data: displayData() });
    await t.mutation(internal.sync.syncOptionShards, {
      ...target(ORG_A, "p1", 1),
      data: shardsData([["a"], ["b"], ["c"]]),
    });
    await t.run(async (ctx) => {
      const middle = await ctx.db
        .query("optionShards")
        .filter((q) => q.eq(q.field("shard"), 1))
        .unique();
      if (middle) await ctx.db.delete("optionShards", middle._id);
    });

    expect(await t.query(api.pages.getOptions, { ...pageA, ...root })).toBeNull();
  });

  test("the same page slug in two organizations never answers with the other's data", async () => {
    const t = newConvex();
    for (const [org, label] of [
      [ORG_A, "alpha"],
      [ORG_B, "beta"],
    ] as const) {
      const to = target(org, `page-of-${org.organizationId}`, 1);
      await t.mutation(internal.sync.syncPageDisplay, { ...to, data: displayData({ name: label }) });
      await t.mutation(internal.sync.syncOptionShards, { ...to, data: shardsData([[label]]) });
      await t.mutation(internal.sync.syncResultCache, { ...to, data: resultData("same-key", { payload: { label } }) });
      await t.mutation(internal.sync.syncResultCache, {
        ...to,
        data: resultData("same-key-matrix", { kind: "matrix", payload: { label } }),
      });
    }

    for (const [org, label] of [
      [ORG_A, "alpha"],
      [ORG_B, "beta"],
    ] as const) {
      const ref = { orgSlug: org.orgSlug, slug: "llm-finder" };
      expect((await t.query(api.pages.getBySlug, ref))?.name).toBe(label);
      expect(await t.query(api.pages.getOptions, { ...ref, ...root })).toEqual({
        values: [{ value: label, count: label.length }],
      });
      expect(payloadOf(await t.query(api.pages.getResult, { ...ref, cacheKey: "same-key" }))).toEqual({ label });
      expect(payloadOf(await t.query(api.pages.getMatrixData, { ...ref, cacheKey: "same-key-matrix" }))).toEqual({
        label,
      });
    }
    expect(await t.query(api.pages.getBySlug, { orgSlug: "unknown", slug: "llm-finder" })).toBeNull();
  });

  test("a tenant slug taken over by another organization stops serving the old owner's pages", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...target(ORG_A, "pa", 1), data: displayData({ name: "A's" }) });
    // org A renamed itself; org B now owns the slug "acme".
    await t.mutation(internal.sync.syncPageDisplay, {
      ...target({ organizationId: ORG_B.organizationId, orgSlug: ORG_A.orgSlug }, "pb", 1),
      data: displayData({ slug: "other", name: "B's" }),
    });

    expect(await t.query(api.pages.getBySlug, pageA)).toBeNull();
    expect((await t.query(api.pages.getBySlug, { orgSlug: ORG_A.orgSlug, slug: "other" }))?.name).toBe("B's");
  });

  test("results are served only for the current revision, dataset versions and template kind", async () => {
    const t = newConvex();
    const r1 = target(ORG_A, "p1", 1);
    await t.mutation(internal.sync.syncPageDisplay, { ...r1, data: displayData({ sourceVersion: 2 }) });
    await t.mutation(internal.sync.syncResultCache, {
      ...r1,
      data: resultData("k", { sourceVersion: 2, payload: "ok" }),
    });
    await t.mutation(internal.sync.syncResultCache, {
      ...target(ORG_A, "p1", 2),
      data: resultData("k2", { sourceVersion: 2 }),
    });
    await t.mutation(internal.sync.syncResultCache, { ...r1, data: resultData("k3", { sourceVersion: 3 }) });

    expect(payloadOf(await t.query(api.pages.getResult, { ...pageA, cacheKey: "k" }))).toBe("ok");
    expect(payloadOf(await t.query(api.pages.getMatrixData, { ...pageA, cacheKey: "k" }))).toBeNull();
    expect(payloadOf(await t.query(api.pages.getResult, { ...pageA, cacheKey: "k2" }))).toBeNull(); // future revision
    expect(payloadOf(await t.query(api.pages.getResult, { ...pageA, cacheKey: "k3" }))).toBeNull(); // version not published yet
    expect(payloadOf(await t.query(api.pages.getResult, { ...pageA, cacheKey: "missing" }))).toBeNull();
  });

  test("the public display does not expose the organization id", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...target(ORG_A, "p1", 1), data: displayData() });
    const display = await t.query(api.pages.getBySlug, pageA);
    expect(display).toMatchObject({ pageId: "p1", revisionId: 1, template: "finder", minDepth: 2 });
    expect(JSON.stringify(display)).not.toContain(ORG_A.organizationId);
  });

  test("only queries are public; every writer is internal", () => {
    const flags = (fn: unknown) => {
      const { isQuery, isMutation, isAction, isPublic, isInternal } = fn as Record<string, boolean | undefined>;
      return { isQuery, isMutation, isAction, isPublic, isInternal };
    };
    for (const fn of Object.values(pages)) {
      expect(flags(fn)).toEqual({
        isQuery: true,
        isMutation: undefined,
        isAction: undefined,
        isPublic: true,
        isInternal: undefined,
      });
    }
    const writers = Object.values(sync).filter((x) => typeof x === "function");
    expect(writers.length).toBeGreaterThanOrEqual(5);
    for (const fn of writers) {
      expect(flags(fn)).toEqual({
        isQuery: undefined,
        isMutation: true,
        isAction: undefined,
        isPublic: undefined,
        isInternal: true,
      });
    }
  });
});
