import type { TestOrg } from "~/test/helpers";

/**
 * One cross-tenant probe: `setup` creates organization A's resource(s) and returns the input that
 * organization B will send. The suite then checks that B gets NOT_FOUND and no data, that an
 * anonymous caller gets UNAUTHORIZED, and that A itself does not get NOT_FOUND (so the probe
 * points at something real).
 */
export interface IsolationCase {
  path: string;
  setup(a: TestOrg): Promise<unknown>;
}

/** Each domain exports its cases from `src/server/**\/*.isolation.ts` as `isolationCases`. */
export type IsolationCases = IsolationCase[];
