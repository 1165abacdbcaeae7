import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";
import { seedExamplePage } from "./testing/fixtures";

const seed = (a: TestOrg) => seedExamplePage(a, { slug: `iso-${Math.random().toString(36).slice(2, 10)}` });

export const isolationCases: IsolationCase[] = [
  { path: "pages.get", setup: async (a) => ({ id: (await seed(a)).page.id }) },
  { path: "pages.update", setup: async (a) => ({ id: (await seed(a)).page.id, name: "renamed" }) },
  { path: "pages.delete", setup: async (a) => ({ id: (await seed(a)).page.id }) },
  {
    path: "pages.create",
    async setup(a) {
      const { sourceDatasetId, targetDatasetId, page } = await seed(a);
      return { slug: `c-${Math.random().toString(36).slice(2, 10)}`, name: "probe", template: "finder", sourceDatasetId, targetDatasetId, copyFromPageId: page.id };
    },
  },
  { path: "pages.publish", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },
  { path: "pages.revisions", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },
  { path: "pages.publishPreview", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },
  { path: "pages.evaluate", setup: async (a) => ({ pageId: (await seed(a)).page.id, path: ["web"] }) },
  { path: "pages.check", setup: async (a) => ({ pageId: (await seed(a)).page.id, sourceKey: "t3chat", targetKey: "gpt41" }) },
  { path: "pages.matrix", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },

  { path: "rules.list", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },
  {
    path: "rules.create",
    setup: async (a) => ({ pageId: (await seed(a)).page.id, name: "probe", required: false, weight: 1, logic: { "==": [{ var: "target.provider" }, "x"] } }),
  },
  { path: "rules.update", setup: async (a) => ({ id: (await seed(a)).rules[0]!.id, name: "renamed" }) },
  { path: "rules.delete", setup: async (a) => ({ id: (await seed(a)).rules[0]!.id }) },
  {
    path: "rules.reorder",
    async setup(a) {
      const { page, rules } = await seed(a);
      return { pageId: page.id, ruleIds: rules.map((r) => r.id).reverse() };
    },
  },
  { path: "rules.validate", setup: async (a) => ({ pageId: (await seed(a)).page.id, logic: { "==": [{ var: "target.provider" }, "x"] } }) },

  { path: "overrides.list", setup: async (a) => ({ pageId: (await seed(a)).page.id }) },
  { path: "overrides.upsert", setup: async (a) => ({ pageId: (await seed(a)).page.id, sourceKey: "t3chat", targetKey: "gpt41", verdict: 1, note: null }) },
  {
    path: "overrides.delete",
    async setup(a) {
      const { page } = await seed(a);
      const o = await a.caller.overrides.upsert({ pageId: page.id, sourceKey: null, targetKey: "gpt41", verdict: 1, note: null });
      return { id: o.id };
    },
  },

  {
    path: "sync.rebuild",
    async setup(a) {
      const { page } = await seed(a);
      await a.caller.pages.publish({ pageId: page.id });
      return { pageId: page.id };
    },
  },
];
