import { cn } from "./cn";
import { progressPercent } from "./progress";

/**
 * A determinate progress bar (`role="progressbar"` with values) or an indeterminate one when
 * `max` is unknown. `tone` colours usage bars that approach their limit.
 */
export function ProgressBar({
  value,
  max,
  label,
  tone = "brand",
  className,
}: {
  value: number;
  max: number | null;
  label: string;
  tone?: "brand" | "warn" | "bad";
  className?: string;
}) {
  const pct = progressPercent(value, max);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max ? value : undefined}
      data-percent={pct ?? undefined}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div
        className={cn(
          "h-full rounded-full transition-[width] duration-300",
          tone === "bad" ? "bg-red-600" : tone === "warn" ? "bg-amber-500" : "bg-indigo-600",
          // Indeterminate: the whole track pulses faintly — a filled third read as "a third done".
          pct === null && "w-full animate-pulse opacity-30",
        )}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
