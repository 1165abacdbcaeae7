import type { HTMLAttributes } from "react";
import { cn } from "./cn";

const tones = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  ok: "bg-green-50 text-ok ring-green-200",
  partial: "bg-amber-50 text-partial ring-amber-200",
  bad: "bg-red-50 text-bad ring-red-200",
  unknown: "bg-slate-100 text-unknown ring-slate-300",
  info: "bg-indigo-50 text-indigo-700 ring-indigo-200",
} as const;

export type BadgeTone = keyof typeof tones;

/** A small inline label. Tone is decoration only: the text must carry the meaning on its own. */
export function Badge({ tone = "neutral", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tones[tone], className)}
      {...props}
    />
  );
}
