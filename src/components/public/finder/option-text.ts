import type { OptionItem } from "../types";

/** Rows listed at the entry level may carry a display label beside their key. */
export const optionText = (o: OptionItem): string => {
  const label = (o as { label?: unknown }).label;
  return typeof label === "string" && label ? label : o.value;
};

/** The entry level's field label: what the API calls it, else a neutral word. */
export function entryLabel(data: { dimension?: { label?: string } } | undefined): string {
  return data?.dimension?.label || "Entry";
}
