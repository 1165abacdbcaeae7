import { describe, expect, it } from "vitest";
import { callerFor, createTestOrg, type TestOrg } from "~/test/helpers";
import { settle } from "~/test/trpc-errors";
import { isMixed, type IsolationCase } from "./cases";
import { listProcedures, schemaKeys } from "./procedures";
import { diffSnapshots, snapshotOrg } from "./snapshot";

const modules = import.meta.glob<{ isolationCases: IsolationCase[] }>("../../**/*.isolation.ts", { eager: true });
const cases = Object.values(modules).flatMap((m) => m.isolationCases);

/** Procedures whose id rides inside a non-object input (FormData uploads) and so can't be seen by introspection. */
const ID_TAKING_BY_HAND: Record<string, string[]> = { "sources.datasets.import": ["datasetId"], "targets.datasets.import": ["datasetId"] };

/** Procedures that take an organization id on purpose, with the reason. Keep this list short. */
const EXEMPT: Record<string, string> = {
  "auth.devSignIn": "dev sign-in picks any organization by design; it is refused in production and when WorkOS is configured",
};

/** The audit log records every write, so it says nothing about whether the control's write reached its row. */
const BOOKKEEPING = ["audit_log"];

function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

const procedures = listProcedures();
const byPath = new Map(procedures.map((p) => [p.path, p]));
const idKeysOf = (path: string) => byPath.get(path)?.idKeys.length ? byPath.get(path)!.idKeys : (ID_TAKING_BY_HAND[path] ?? []);
const probesOf = (c: IsolationCase) => c.probes ?? idKeysOf(c.path);

describe("the suite covers the router", () => {
  it("every id key of every procedure is probed by a cross-tenant case", () => {
    const probed = new Set(cases.flatMap((c) => probesOf(c).map((k) => `${c.path} ${k}`)));
    const missing = procedures
      .filter((p) => !(p.path in EXEMPT))
      .flatMap((p) => idKeysOf(p.path).map((k) => `${p.path} ${k}`))
      .filter((pk) => !probed.has(pk));
    expect(missing).toEqual([]);
  });

  it("no case names a procedure or an id key that does not exist", () => {
    const wrong = cases.flatMap((c) => (byPath.has(c.path) ? probesOf(c).filter((k) => !idKeysOf(c.path).includes(k)).map((k) => `${c.path} ${k}`) : [c.path]));
    expect(wrong).toEqual([]);
  });

  it("every mutation's case says what the owner's success looks like", () => {
    expect(cases.filter((c) => byPath.get(c.path)?.type === "mutation" && !c.expect).map((c) => c.path)).toEqual([]);
  });

  it("id keys are found through .optional(), .nullable(), .default(), pipes, unions and nested objects", async () => {
    const { z } = await import("zod");
    const id = z.number().int();
    expect(schemaKeys(z.object({ definitionId: id.optional() }).optional())).toEqual(["definitionId"]);
    expect(schemaKeys(z.object({ a: id }).nullable().default(null))).toEqual(["a"]);
    expect(schemaKeys(z.object({ pageId: id }).transform((v) => v.pageId))).toEqual(["pageId"]);
    expect(schemaKeys(z.object({ x: id }).pipe(z.object({ x: id })))).toEqual(["x", "x"]);
    expect(schemaKeys(z.union([z.object({ ruleId: id }), z.object({ pageIds: z.array(id) })]))).toEqual(["ruleId", "pageIds"]);
    expect(schemaKeys(z.object({ filter: z.object({ datasetId: id }).optional() }))).toEqual(["filter", "filter.datasetId"]);
    expect(byPath.get("sources.datasets.list")?.idKeys).toEqual(["definitionId"]);
  });
});

describe("tenant isolation", () => {
  for (const c of cases) {
    const kind = byPath.get(c.path)?.type ?? "query";
    it(`${c.path} [${probesOf(c).join(", ")}]: B first gets NOT_FOUND and changes nothing; a stranger UNAUTHORIZED; then the owner succeeds`, async () => {
      const a = await createTestOrg({ tier: "team" });
      const b = await createTestOrg({ tier: "team" });
      const made = await c.setup(a, b);
      const input = isMixed(made) ? made.input : made;
      const snap = async () => new Map([...(await snapshotOrg(a.session.org.id)), ...[...(await snapshotOrg(b.session.org.id))].map(([t, rows]) => [`B ${t}`, rows] as const)]);
      const before = await snap();

      const foreign = await settle(call(b.caller, c.path, input));
      expect(foreign.ok ? "answered with data" : foreign.code, `B's call (${foreign.error?.message ?? ""})`).toBe(c.refusal ?? "NOT_FOUND");
      expect(diffSnapshots(before, await snap()), "B's refused call changed these rows").toEqual([]);

      const anonymous = await settle(call(callerFor(null), c.path, input));
      expect(anonymous.ok ? "answered with data" : anonymous.code).toBe("UNAUTHORIZED");

      const [owner, ownInput] = isMixed(made) ? [b, made.control] : [a, input];
      const own = await settle(call(owner.caller, c.path, ownInput));
      if (!own.ok) expect.fail(`the control call should succeed, it answered ${own.code}: ${own.error.message}`);
      await c.expect?.(own.value, ownInput, owner);
      if (kind === "mutation") {
        expect(diffSnapshots(before, await snap(), [...BOOKKEEPING, ...BOOKKEEPING.map((t) => `B ${t}`)]).length, "the control wrote nothing: the probe points at nothing a write reaches").toBeGreaterThan(0);
      }
    });
  }
});
