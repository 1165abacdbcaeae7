import type { TestOrg } from "~/test/helpers";

/**
 * One cross-tenant probe. `setup` creates organization A's rows and returns the input organization
 * B sends. The suite (tenant-isolation.integration.test.ts) then, in this order:
 *   1. B calls first: NOT_FOUND (or `refusal`), and no row of A or B changed (read straight from the database);
 *   2. an anonymous caller gets UNAUTHORIZED;
 *   3. the control succeeds — A with the same input — and `expect` checks its answer; a mutation's
 *      control must also change the owner's rows, so the probe points at something a write reaches.
 */
export interface IsolationCase {
  path: string;
  /** The input keys that carry A's ids (default: every id key of the procedure). */
  probes?: string[];
  setup(a: TestOrg, b: TestOrg): Promise<unknown>;
  /** B's refusal where it is documented as something else than NOT_FOUND (never one that tells A's row exists). */
  refusal?: "BAD_REQUEST";
  /** What the control answers (and did). Required for mutations: "anything but NOT_FOUND" is no success. */
  expect?(value: any, input: any, owner: TestOrg): void | Promise<void>;
}

/** Each domain exports its cases from `src/server/**\/*.isolation.ts` as `isolationCases`. */
export type IsolationCases = IsolationCase[];

const MIXED = Symbol("mixed");

/**
 * B's own rows with one of A's ids in them (B's page pointed at A's dataset): B sends `input`, and
 * the control is B again with `control` — the same call with B's own id in place of A's.
 */
export interface Mixed {
  [MIXED]: true;
  input: unknown;
  control: unknown;
}
export const mixed = (input: unknown, control: unknown): Mixed => ({ [MIXED]: true, input, control });
export const isMixed = (v: unknown): v is Mixed => typeof v === "object" && v !== null && MIXED in v;
