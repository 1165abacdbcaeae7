import { expect } from "vitest";
import { mixed, type IsolationCase } from "~/server/api/isolation/cases";
import { codeOf } from "~/test/trpc-errors";
import type { TestOrg } from "~/test/helpers";
import { seedExamplePage } from "./testing/fixtures";

const tag = () => Math.random().toString(36).slice(2, 10);
const seed = (org: TestOrg) => seedExamplePage(org, { slug: `iso-${tag()}` });

/** pages.create with B's own datasets and page, one of them swapped for A's. */
function createWith(key: "sourceDatasetId" | "targetDatasetId" | "copyFromPageId"): IsolationCase {
  return {
    path: "pages.create",
    probes: [key],
    async setup(a, b) {
      const theirs = await seed(a);
      const own = await seed(b);
      const ids = { sourceDatasetId: own.sourceDatasetId, targetDatasetId: own.targetDatasetId, copyFromPageId: own.page.id };
      const foreign = { sourceDatasetId: theirs.sourceDatasetId, targetDatasetId: theirs.targetDatasetId, copyFromPageId: theirs.page.id };
      const input = { slug: `c-${tag()}`, name: "probe", template: "finder", ...ids };
      return mixed({ ...input, [key]: foreign[key] }, input);
    },
    expect: (page, input) => expect(page).toMatchObject({ slug: input.slug, sourceDatasetId: input.sourceDatasetId, targetDatasetId: input.targetDatasetId }),
  };
}

/** pages.update of B's own page, pointed at one of A's datasets. */
function repointWith(key: "sourceDatasetId" | "targetDatasetId"): IsolationCase {
  return {
    path: "pages.update",
    probes: [key],
    async setup(a, b) {
      const theirs = await seed(a);
      const own = await seed(b);
      const input = { id: own.page.id, name: "renamed" };
      return mixed({ ...input, [key]: theirs[key] }, { ...input, [key]: own[key] });
    },
    expect: (page, input) => expect(page).toMatchObject({ id: input.id, name: "renamed", [key === "sourceDatasetId" ? "sourceDatasetId" : "targetDatasetId"]: input[key] }),
  };
}

const gone = async (p: Promise<unknown>) => expect(await codeOf(p)).toBe("NOT_FOUND");

export const isolationCases: IsolationCase[] = [
  { path: "pages.get", setup: async (a) => ({ id: (await seed(a)).page.id }), expect: (page, input) => expect(page).toMatchObject({ id: input.id }) },
  {
    path: "pages.update",
    probes: ["id"],
    setup: async (a) => ({ id: (await seed(a)).page.id, name: "renamed" }),
    async expect(page, input, owner) {
      expect(page).toMatchObject({ id: input.id, name: "renamed" });
      expect((await owner.caller.pages.get({ id: input.id })).name).toBe("renamed");
    },
  },
  repointWith("sourceDatasetId"),
  repointWith("targetDatasetId"),
  {
    path: "pages.delete",
    setup: async (a) => ({ id: (await seed(a)).page.id }),
    async expect(value, input, owner) {
      expect(value).toEqual({ id: input.id, deleted: true });
      await gone(owner.caller.pages.get({ id: input.id }));
    },
  },
  createWith("sourceDatasetId"),
  createWith("targetDatasetId"),
  createWith("copyFromPageId"),
  {
    path: "pages.publish",
    setup: async (a) => ({ pageId: (await seed(a)).page.id }),
    async expect(value, input, owner) {
      expect(value).toMatchObject({ pageId: input.pageId, revision: 1 });
      expect((await owner.caller.pages.revisions({ pageId: input.pageId })).map((r) => r.number)).toEqual([1]);
    },
  },
  { path: "pages.revisions", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (list) => expect(list).toEqual([]) },
  { path: "pages.publishPreview", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (preview) => expect(preview).toMatchObject({ comparedWith: null, changed: true, rules: { added: expect.any(Array) } }) },
  { path: "pages.evaluate", setup: async (a) => ({ pageId: (await seed(a)).page.id, path: ["web"] }), expect: (r) => expect(r.counts).toMatchObject({ total: 4 }) },
  {
    path: "pages.check",
    setup: async (a) => ({ pageId: (await seed(a)).page.id, sourceKey: "t3chat", targetKey: "gpt41" }),
    expect: (r) => expect(r).toMatchObject({ key: "gpt41", sourceKey: "t3chat", verdict: 2 }),
  },
  { path: "pages.matrix", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (r) => expect(r.features).toHaveLength(3) },

  { path: "rules.list", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (rules) => expect(rules.length).toBeGreaterThan(0) },
  {
    path: "rules.create",
    setup: async (a) => ({ pageId: (await seed(a)).page.id, name: "probe", required: false, weight: 1, logic: { "==": [{ var: "target.provider" }, "x"] } }),
    async expect(rule, input, owner) {
      expect(rule).toMatchObject({ pageId: input.pageId, name: "probe" });
      expect((await owner.caller.rules.list({ pageId: input.pageId })).map((r) => r.id)).toContain(rule.id);
    },
  },
  {
    path: "rules.update",
    setup: async (a) => ({ id: (await seed(a)).rules[0]!.id, name: "renamed" }),
    async expect(rule, input, owner) {
      expect(rule).toMatchObject({ id: input.id, name: "renamed" });
      expect((await owner.caller.rules.list({ pageId: rule.pageId })).find((r) => r.id === input.id)?.name).toBe("renamed");
    },
  },
  {
    path: "rules.delete",
    async setup(a) {
      const { page, rules } = await seed(a);
      return { id: rules[0]!.id, pageIdForCheck: page.id };
    },
    async expect(value, input, owner) {
      expect(value).toEqual({ id: input.id, deleted: true });
      expect((await owner.caller.rules.list({ pageId: input.pageIdForCheck })).map((r) => r.id)).not.toContain(input.id);
    },
  },
  {
    path: "rules.reorder",
    probes: ["pageId"],
    async setup(a) {
      const { page, rules } = await seed(a);
      return { pageId: page.id, ruleIds: rules.map((r) => r.id).reverse() };
    },
    expect: (rules, input) => expect(rules.map((r: { id: number }) => r.id)).toEqual(input.ruleIds),
  },
  {
    // B's own page with one of A's rules among its ids: refused as a list that is not the page's rules.
    path: "rules.reorder",
    probes: ["ruleIds"],
    refusal: "BAD_REQUEST",
    async setup(a, b) {
      const theirs = await seed(a);
      const own = await seed(b);
      const ruleIds = own.rules.map((r) => r.id).reverse();
      return mixed({ pageId: own.page.id, ruleIds: [theirs.rules[0]!.id, ...ruleIds.slice(1)] }, { pageId: own.page.id, ruleIds });
    },
    expect: (rules, input) => expect(rules.map((r: { id: number }) => r.id)).toEqual(input.ruleIds),
  },
  {
    path: "rules.validate",
    setup: async (a) => ({ pageId: (await seed(a)).page.id, logic: { "==": [{ var: "target.provider" }, "x"] } }),
    expect: (r) => expect(r).toEqual({ ok: true, errors: [], vars: ["target.provider"] }),
  },

  { path: "overrides.list", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (list) => expect(list).toEqual([]) },
  {
    path: "overrides.upsert",
    setup: async (a) => ({ pageId: (await seed(a)).page.id, sourceKey: "t3chat", targetKey: "gpt41", verdict: 1, note: null }),
    async expect(o, input, owner) {
      expect(o).toMatchObject({ pageId: input.pageId, sourceKey: "t3chat", targetKey: "gpt41", verdict: 1 });
      expect((await owner.caller.overrides.list({ pageId: input.pageId })).map((x) => x.id)).toEqual([o.id]);
    },
  },
  {
    path: "overrides.delete",
    async setup(a) {
      const { page } = await seed(a);
      const o = await a.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "gpt41", verdict: 1, note: null });
      return { id: o.id, pageIdForCheck: page.id };
    },
    async expect(value, input, owner) {
      expect(value).toEqual({ id: input.id, deleted: true });
      expect(await owner.caller.overrides.list({ pageId: input.pageIdForCheck })).toEqual([]);
    },
  },

  {
    path: "sync.rebuild",
    async setup(a) {
      const { page } = await seed(a);
      await a.caller.pages.publish({ pageId: page.id });
      return { pageId: page.id };
    },
    expect: (r, input) => expect(r).toMatchObject({ pageId: input.pageId, revision: 1, enqueued: expect.any(Number) }),
  },
];
