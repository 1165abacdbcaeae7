import { expect } from "vitest";
import type { IsolationCase } from "~/server/api/isolation/cases";
import type { TestOrg } from "~/test/helpers";
import { codeOf } from "~/test/trpc-errors";

const hook = async (a: TestOrg) => (await a.caller.org.webhooks.create({ url: "http://127.0.0.1:9/iso", events: ["page.published"] })).id;

export const isolationCases: IsolationCase[] = [
  {
    path: "org.webhooks.update",
    setup: async (a) => ({ id: await hook(a), description: "probe", url: "http://127.0.0.1:9/moved" }),
    async expect(value, input, owner) {
      expect(value).toMatchObject({ id: input.id, description: "probe", url: "http://127.0.0.1:9/moved" });
      expect((await owner.caller.org.webhooks.list()).find((h) => h.id === input.id)).toMatchObject({ description: "probe", url: "http://127.0.0.1:9/moved" });
    },
  },
  {
    path: "org.webhooks.delete",
    setup: async (a) => ({ id: await hook(a) }),
    async expect(value, input, owner) {
      expect(value).toEqual({ id: input.id });
      expect((await owner.caller.org.webhooks.list()).map((h) => h.id)).not.toContain(input.id);
      expect(await codeOf(owner.caller.org.webhooks.deliveries({ id: input.id }))).toBe("NOT_FOUND");
    },
  },
  {
    path: "org.webhooks.test",
    setup: async (a) => ({ id: await hook(a) }),
    async expect(value, input, owner) {
      // Port 9 refuses: the attempt is made, fails, and is recorded as a delivery of this hook.
      expect(value).toMatchObject({ sent: true, statusCode: null });
      expect((await owner.caller.org.webhooks.deliveries({ id: input.id })).items).not.toHaveLength(0);
    },
  },
  { path: "org.webhooks.deliveries", setup: async (a) => ({ id: await hook(a) }), expect: (r) => expect(r).toEqual({ items: [], nextCursor: null }) },
];
