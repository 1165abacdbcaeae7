import { z } from "zod";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;
/** Matrix columns are grouped by this target field unless the page says otherwise. */
export const MATRIX_DEFAULT_GROUP_BY = "provider";

/** How targets are listed (the spec's "device policy"). */
export const devicePolicySchema = z.object({
  /** Target field to group by (`key` groups by target key); null = no grouping. */
  groupBy: z.string().min(1).nullable().default(null),
  hideIncompatible: z.boolean().default(false),
  /** `verdict`: verdict desc, score desc, label; `score`: score desc, verdict desc, label; `label`: label. */
  sort: z.enum(["verdict", "score", "label"]).default("verdict"),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** What an unknown required rule does to the verdict: at most partial (default) or incompatible. */
  unknownRequired: z.enum(["partial", "incompatible"]).default("partial"),
  /** Target fields shown (and sortable) beside each Finder result, e.g. context window and price. */
  columns: z.array(z.string().min(1).max(64)).max(8).default([]),
});

export type DevicePolicy = z.output<typeof devicePolicySchema>;
export type DevicePolicyInput = z.input<typeof devicePolicySchema>;

/** How a selection path is resolved to source rows. */
export const selectionPolicySchema = z.object({
  /** Path depth a user must reach before results show; absent = every dimension level. */
  minDepth: z.number().int().min(0).optional(),
  /** Several matched sources: show each target's worst (default) or best result. */
  aggregate: z.enum(["worst", "best"]).default("worst"),
});

export type SelectionPolicy = z.output<typeof selectionPolicySchema>;
export type SelectionPolicyInput = z.input<typeof selectionPolicySchema>;

/**
 * Parses a stored device policy, filling defaults. A matrix groups by `provider` unless `groupBy`
 * is present in the stored JSON (explicit `null` turns grouping off).
 */
export function parseDevicePolicy(input: unknown, template: "finder" | "matrix" = "finder"): DevicePolicy {
  const raw = (input ?? {}) as Record<string, unknown>;
  const policy = devicePolicySchema.parse(raw);
  if (template === "matrix" && !(typeof raw === "object" && "groupBy" in raw)) policy.groupBy = MATRIX_DEFAULT_GROUP_BY;
  return policy;
}

/** Parses a stored selection policy, filling defaults. */
export function parseSelectionPolicy(input: unknown): SelectionPolicy {
  return selectionPolicySchema.parse(input ?? {});
}
