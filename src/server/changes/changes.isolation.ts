import { expect } from "vitest";
import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";
import { seedExamplePage } from "~/server/pages/testing/fixtures";

/** A published page whose draft has moved since: a revision, a live side and a changelog to probe. */
async function published(a: TestOrg) {
  const { page, rules } = await seedExamplePage(a, { slug: `iso-ch-${Math.random().toString(36).slice(2, 10)}` });
  await a.caller.pages.publish({ pageId: page.id });
  await a.caller.rules.update({ id: rules[0]!.id, required: false });
  return page.id;
}

export const isolationCases: IsolationCase[] = [
  {
    path: "pages.diff",
    setup: async (a) => ({ pageId: await published(a), from: 1, to: "draft" }),
    expect: (d) => expect(d).toMatchObject({ from: { side: 1, revision: 1 }, to: { side: "draft", revision: null } }),
  },
  {
    path: "pages.changes",
    setup: async (a) => ({ pageId: await published(a) }),
    expect: (c) => expect(c).toMatchObject({ items: [expect.objectContaining({ revision: 1 })], nextCursor: null }),
  },
];
