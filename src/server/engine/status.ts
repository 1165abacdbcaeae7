import type { FeatureStatus } from "./types";

/**
 * Rule status codes as stored in status arrays. Modules destructure them into local constants:
 * some transpilers turn imported bindings into getter calls, which inner loops cannot afford.
 */
export const STATUS = { FAIL: 0, PASS: 1, UNKNOWN: 2 } as const;

export const STATUS_NAMES: readonly FeatureStatus[] = ["fail", "pass", "unknown"];
