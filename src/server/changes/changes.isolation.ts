import { expect } from "vitest";
import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";
import { seedExamplePage } from "~/server/pages/testing/fixtures";

const seed = (a: TestOrg) => seedExamplePage(a, { slug: `iso-ch-${Math.random().toString(36).slice(2, 10)}` });

export const isolationCases: IsolationCase[] = [
  { path: "pages.diff", setup: async (a) => ({ pageId: (await seed(a)).page.id, from: "draft", to: "draft" }), expect: (d) => expect(d).toBeTypeOf("object") },
  { path: "pages.changes", setup: async (a) => ({ pageId: (await seed(a)).page.id }), expect: (c) => expect(c).toBeTypeOf("object") },
];
