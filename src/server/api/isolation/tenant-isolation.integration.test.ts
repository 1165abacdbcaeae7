import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTestOrg, type TestOrg } from "~/test/helpers";
import type { IsolationCase } from "./cases";
import { listProcedures } from "./procedures";
import { settle } from "~/test/trpc-errors";

const modules = import.meta.glob<{ isolationCases: IsolationCase[] }>("../../**/*.isolation.ts", { eager: true });
const cases = Object.values(modules).flatMap((m) => m.isolationCases);

/** Procedures whose id rides inside a non-object input (FormData uploads) and so can't be seen by introspection. */
const ID_TAKING_BY_HAND = new Set<string>(["sources.datasets.import", "targets.datasets.import"]);

/** Procedures that take an organization id on purpose, with the reason. Keep this list short. */
const EXEMPT: Record<string, string> = {
  "auth.devSignIn": "dev sign-in picks any organization by design; it is refused in production and when WorkOS is configured",
};

function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}


describe("tenant isolation", () => {
  const procedures = listProcedures();

  it("every procedure that takes an id has a cross-tenant case", () => {
    const covered = new Set(cases.map((c) => c.path));
    const missing = procedures
      .filter((p) => (p.idKeys.length > 0 || ID_TAKING_BY_HAND.has(p.path)) && !covered.has(p.path))
      .filter((p) => !(p.path in EXEMPT))
      .map((p) => p.path);
    expect(missing).toEqual([]);
  });

  it("no case names a procedure that does not exist", () => {
    const paths = new Set(procedures.map((p) => p.path));
    expect(cases.map((c) => c.path).filter((p) => !paths.has(p))).toEqual([]);
  });

  let a: TestOrg;
  let b: TestOrg;
  beforeAll(async () => {
    a = await createTestOrg({ tier: "team" });
    b = await createTestOrg({ tier: "team" });
  });

  for (const c of cases) {
    it(`${c.path}: another organization gets NOT_FOUND, a stranger UNAUTHORIZED`, async () => {
      const input = await c.setup(a);
      const own = (await settle(call(a.caller, c.path, input))).error;
      expect(own?.code, `org A's own call should reach the resource (${own?.message})`).not.toBe("NOT_FOUND");

      const foreign = (await settle(call(b.caller, c.path, input))).error;
      expect(foreign?.code, `org B's call answered ${foreign ? foreign.code : "with data"}`).toBe("NOT_FOUND");

      const anonymous = (await settle(call(callerFor(null), c.path, input))).error;
      expect(anonymous?.code).toBe("UNAUTHORIZED");
    });
  }
});
