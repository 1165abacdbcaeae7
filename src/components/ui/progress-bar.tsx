import { cn } from "./cn";

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
  const pct = max && max > 0 ? Math.min(100, Math.round((value / max) * 100)) : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max ? value : undefined}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div
        className={cn(
          "h-full rounded-full transition-[width] duration-300",
          tone === "bad" ? "bg-red-600" : tone === "warn" ? "bg-amber-500" : "bg-indigo-600",
          pct === null && "w-1/3 animate-pulse",
        )}
        style={pct === null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
