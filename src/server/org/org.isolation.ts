import type { IsolationCase } from "~/server/api/isolation/cases";

export const isolationCases: IsolationCase[] = [
  {
    path: "org.apiKeys.revoke",
    async setup(a) {
      const key = await a.caller.org.apiKeys.create({ name: "probe" });
      return { id: key.id };
    },
  },
];
