import { STATUS } from "./status";
import type { Verdict } from "./types";

/**
 * The engine's semantics, one small function per sentence of docs/engine.md ("Pass, fail,
 * unknown", "Verdict and score"). Everything faster (folding, generated kernels) must give the
 * answers these give; the property tests check that against json-logic-js.
 */

const { FAIL, PASS, UNKNOWN } = STATUS;

/**
 * A rule's status for one pair: it passes when json-logic-js answers truthy (a throw is not
 * truthy); otherwise it is unknown when a var it reads is missing (null or absent), else it fails.
 */
export function ruleStatus(passes: boolean, readsMissingVar: boolean): number {
  if (passes) return PASS;
  return readsMissingVar ? UNKNOWN : FAIL;
}

/** What the verdict and score need from a pair's rule statuses. */
export interface StatusTotals {
  /** Required rules that fail. */
  requiredFail: number;
  /** Required rules that are unknown. */
  requiredUnknown: number;
  /** Rules (required or optional) that fail or are unknown. */
  notPassing: number;
  /** Σ weight of the optional rules that pass. */
  passWeight: number;
}

/** Adds one rule's status to the totals. */
export function addStatus(totals: StatusTotals, status: number, required: boolean, weight: number): void {
  if (status === PASS) {
    if (!required) totals.passWeight += weight;
    return;
  }
  totals.notPassing++;
  if (required && status === UNKNOWN) totals.requiredUnknown++;
  else if (required) totals.requiredFail++;
}

/**
 * The verdict rule: a failing required rule → 0; an unknown required rule → at most 1 (0 under the
 * `incompatible` policy); otherwise 2 only when every rule passes.
 */
export function verdictOf(requiredFail: number, requiredUnknown: number, notPassing: number, strictUnknown: boolean): Verdict {
  if (requiredFail > 0) return 0;
  if (requiredUnknown > 0) return strictUnknown ? 0 : 1;
  return notPassing === 0 ? 2 : 1;
}

/** Score = Σ weight of passing optional rules / Σ weight of optional rules; 1 when that sum is 0. */
export function scoreOf(passWeight: number, optionalWeight: number): number {
  return optionalWeight > 0 ? passWeight / optionalWeight : 1;
}
