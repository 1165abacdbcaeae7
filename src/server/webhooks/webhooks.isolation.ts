import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";

const hook = async (a: TestOrg) => (await a.caller.org.webhooks.create({ url: "http://127.0.0.1:9/iso", events: ["page.published"] })).id;

export const isolationCases: IsolationCase[] = [
  { path: "org.webhooks.update", setup: async (a) => ({ id: await hook(a), description: "probe" }) },
  { path: "org.webhooks.delete", setup: async (a) => ({ id: await hook(a) }) },
  { path: "org.webhooks.test", setup: async (a) => ({ id: await hook(a) }) },
  { path: "org.webhooks.deliveries", setup: async (a) => ({ id: await hook(a) }) },
];
