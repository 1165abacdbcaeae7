import type { BadgeTone } from "~/components/ui/badge";
import type { Verdict } from "./types";

/** A verdict as the UI shows it; `unknown` = some rule could not be evaluated (data missing). */
export type VerdictKind = "compatible" | "partial" | "incompatible" | "unknown";

/**
 * Words carry the meaning; icons (✅ ⚠️ ❌ ❔, drawn as SVG so they look the same on every
 * platform, with or without an emoji font) and colours only repeat it.
 */
export const VERDICT_META: Record<VerdictKind, { emoji: string; text: string; tone: BadgeTone; className: string }> = {
  compatible: { emoji: "✅", text: "Compatible", tone: "ok", className: "text-ok" },
  partial: { emoji: "⚠️", text: "Partial", tone: "partial", className: "text-partial" },
  incompatible: { emoji: "❌", text: "Incompatible", tone: "bad", className: "text-bad" },
  unknown: { emoji: "❔", text: "Data missing", tone: "unknown", className: "text-unknown" },
};

export function verdictKind(v: Verdict | null): VerdictKind {
  return v === 2 ? "compatible" : v === 1 ? "partial" : v === 0 ? "incompatible" : "unknown";
}
