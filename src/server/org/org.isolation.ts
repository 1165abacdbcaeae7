import { expect } from "vitest";
import type { IsolationCase } from "~/server/api/isolation/cases";

export const isolationCases: IsolationCase[] = [
  {
    path: "org.apiKeys.revoke",
    async setup(a) {
      const key = await a.caller.org.apiKeys.create({ name: "probe" });
      return { id: key.id };
    },
    async expect(value, input, owner) {
      expect(value).toEqual({ id: input.id, revoked: true });
      expect((await owner.caller.org.apiKeys.list()).find((k) => k.id === input.id)?.revokedAt).toBeInstanceOf(Date);
    },
  },
];
