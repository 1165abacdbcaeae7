// @vitest-environment edge-runtime
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { PURGE_BATCH } from "./lib/purge";
import { displayData, newConvex, ORG_A, resultData, shardsData, target, payloadOf } from "./test.setup";

const page = { orgSlug: ORG_A.orgSlug, slug: "llm-finder" };
const rev = (revisionId: number) => target(ORG_A, "page_1", revisionId);

async function counts(t: ReturnType<typeof newConvex>) {
  return t.run(async (ctx) => ({
    displays: (await ctx.db.query("pageDisplays").collect()).length,
    shards: (await ctx.db.query("optionShards").collect()).length,
    results: (await ctx.db.query("resultCache").collect()).length,
  }));
}

async function publish(t: ReturnType<typeof newConvex>, revisionId: number, label: string) {
  await t.mutation(internal.sync.syncPageDisplay, { ...rev(revisionId), data: displayData({ name: label }) });
  await t.mutation(internal.sync.syncOptionShards, { ...rev(revisionId), data: shardsData([[label]]) });
  await t.mutation(internal.sync.syncResultCache, { ...rev(revisionId), data: resultData(`key-${revisionId}`) });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("sync mutations", () => {
  test("the same delivery applied twice leaves the same state", async () => {
    const t = newConvex();
    await publish(t, 1, "web");
    const snapshot = await counts(t);
    await publish(t, 1, "web");

    expect(await counts(t)).toEqual(snapshot);
    expect(snapshot).toEqual({ displays: 1, shards: 1, results: 1 });
    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "web", count: 3 }],
    });
  });

  test("a re-sent option set replaces the previous one, including fewer shards", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(1), data: displayData() });
    await t.mutation(internal.sync.syncOptionShards, { ...rev(1), data: shardsData([["a"], ["b"], ["c"]]) });
    await t.mutation(internal.sync.syncOptionShards, { ...rev(1), data: shardsData([["x"]]) });

    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "x", count: 1 }],
    });
    expect((await counts(t)).shards).toBe(1);
  });

  test("a newer revision replaces the older one and its shards and results are deleted", async () => {
    const t = newConvex();
    await publish(t, 1, "old");
    await publish(t, 2, "new");

    expect(await counts(t)).toEqual({ displays: 1, shards: 1, results: 1 });
    expect((await t.query(api.pages.getBySlug, page))?.name).toBe("new");
    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "new", count: 3 }],
    });
    expect(payloadOf(await t.query(api.pages.getResult, { ...page, cacheKey: "key-1" }))).toBeNull();
    expect(payloadOf(await t.query(api.pages.getResult, { ...page, cacheKey: "key-2" }))).toMatchObject({
      note: "key-2",
    });
  });

  test("a stale delivery arriving after a newer revision is ignored", async () => {
    const t = newConvex();
    await publish(t, 2, "new");

    const stale = [
      await t.mutation(internal.sync.syncPageDisplay, { ...rev(1), data: displayData({ name: "old" }) }),
      await t.mutation(internal.sync.syncOptionShards, { ...rev(1), data: shardsData([["old"]]) }),
      await t.mutation(internal.sync.syncResultCache, { ...rev(1), data: resultData("key-1") }),
      await t.mutation(internal.sync.removePage, rev(1)),
    ];

    expect(stale).toEqual(["ignored", "ignored", "ignored", "ignored"]);
    expect((await t.query(api.pages.getBySlug, page))?.name).toBe("new");
    expect(await counts(t)).toEqual({ displays: 1, shards: 1, results: 1 });
  });

  test("data of a revision that arrives before its display waits until the display lands", async () => {
    const t = newConvex();
    await publish(t, 1, "old");
    await t.mutation(internal.sync.syncOptionShards, { ...rev(2), data: shardsData([["new"]]) });

    // Still revision 1 on the page: the early shards must not show yet.
    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "old", count: 3 }],
    });
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(2), data: displayData() });
    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "new", count: 3 }],
    });
  });

  test("within a revision, options built from an older source version never overwrite newer ones", async () => {
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(1), data: displayData({ sourceVersion: 3 }) });
    await t.mutation(internal.sync.syncOptionShards, { ...rev(1), data: shardsData([["v3"]], { sourceVersion: 3 }) });
    const late = await t.mutation(internal.sync.syncOptionShards, {
      ...rev(1),
      data: shardsData([["v2"]], { sourceVersion: 2 }),
    });

    expect(late).toBe("ignored");
    expect(await t.query(api.pages.getOptions, { ...page, level: 0, parentHash: "root" })).toEqual({
      values: [{ value: "v3", count: 2 }],
    });
  });

  test("an import (new dataset version, same revision) purges results of the old version", async () => {
    const t = newConvex();
    await publish(t, 1, "web");
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(1), data: displayData({ targetVersion: 2 }) });

    expect((await counts(t)).results).toBe(0);
    expect((await counts(t)).shards).toBe(1); // options depend on the source dataset only
  });

  test("removing a page drops everything, and a late delivery cannot bring it back", async () => {
    const t = newConvex();
    await publish(t, 3, "web");
    expect(await t.mutation(internal.sync.removePage, rev(3))).toBe("applied");

    expect(await counts(t)).toEqual({ displays: 0, shards: 0, results: 0 });
    expect(await t.query(api.pages.getBySlug, page)).toBeNull();

    await publish(t, 3, "web"); // retried deliveries of the removed revision
    expect(await counts(t)).toEqual({ displays: 0, shards: 0, results: 0 });

    await publish(t, 4, "republished");
    expect((await t.query(api.pages.getBySlug, page))?.name).toBe("republished");
  });

  test("a purge larger than one transaction finishes in scheduled batches", async () => {
    vi.useFakeTimers();
    const t = newConvex();
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(1), data: displayData() });
    const many = PURGE_BATCH * 2 + 5;
    await t.mutation(internal.sync.syncOptionShards, {
      ...rev(1),
      data: shardsData(Array.from({ length: many }, (_, i) => [`v${i}`])),
    });
    await t.mutation(internal.sync.syncPageDisplay, { ...rev(2), data: displayData() });
    expect((await counts(t)).shards).toBe(many - PURGE_BATCH);

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect((await counts(t)).shards).toBe(0);
  });
});
