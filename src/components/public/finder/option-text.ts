import type { OptionItem } from "../types";

/** An option's display text: its label when the API sends one, else the value itself. */
export const optionText = (o: OptionItem): string => {
  const label = (o as { label?: unknown }).label;
  return typeof label === "string" && label ? label : o.value;
};

