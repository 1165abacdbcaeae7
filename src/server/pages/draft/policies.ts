/**
 * Page settings with their defaults (docs/pages.md). Policy shapes and defaults belong to the engine;
 * this module stores only what an admin chose (so a later default change reaches pages that never
 * chose) and adds the messaging defaults.
 */
import { z } from "zod";
import {
  devicePolicySchema,
  parseDevicePolicy,
  parseSelectionPolicy,
  selectionPolicySchema,
  type DevicePolicy,
  type SelectionPolicy,
} from "~/server/engine";
import { badRequest } from "~/server/errors";

export const templates = ["finder", "matrix"] as const;
export type Template = (typeof templates)[number];

/**
 * Neutral templates: the public pages fill `{compatible}`, `{partial}`, `{incompatible}` and
 * `{total}` from the result's counts (src/components/public/headline.ts), so a headline never
 * says more than the list under it.
 */
export const DEFAULT_MESSAGING = {
  headline2: "{compatible} of {total} fully compatible",
  headline1: "None fully compatible; {partial} of {total} partly",
  headline0: "None of the {total} is compatible",
} as const;

const headline = z.string().trim().min(1).max(200);
export const messagingSchema = z.object({
  headline2: headline.default(DEFAULT_MESSAGING.headline2),
  headline1: headline.default(DEFAULT_MESSAGING.headline1),
  headline0: headline.default(DEFAULT_MESSAGING.headline0),
});
export type MessagingSettings = z.infer<typeof messagingSchema>;

/** Router inputs: objects whose fields are checked by {@link sparsePolicy} in the domain. */
export const policyInput = z.record(z.string(), z.unknown());

/**
 * Validates a policy the admin sent and keeps only the keys they set: absent keys keep
 * following the defaults (a matrix's `groupBy: 'provider'` included).
 */
export function sparsePolicy(kind: "selectionPolicy" | "devicePolicy", raw: Record<string, unknown>): Record<string, unknown> {
  const schema = kind === "selectionPolicy" ? selectionPolicySchema : devicePolicySchema;
  const parsed = schema.strict().safeParse(raw);
  if (!parsed.success) {
    throw badRequest(`Invalid ${kind}`, { field: kind, issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) out[key] = (parsed.data as Record<string, unknown>)[key];
  return out;
}

export function resolveDevicePolicy(template: Template, raw: unknown): DevicePolicy {
  return parseDevicePolicy(raw, template);
}

export function resolveSelectionPolicy(raw: unknown): SelectionPolicy {
  return parseSelectionPolicy(raw);
}

export function resolveMessaging(raw: unknown): MessagingSettings {
  return messagingSchema.parse(raw ?? {});
}

/** How deep a selection must go: the policy's `minDepth`, capped at the number of levels. */
export function effectiveMinDepth(policy: SelectionPolicy, levels: number): number {
  return Math.min(policy.minDepth ?? levels, levels);
}
