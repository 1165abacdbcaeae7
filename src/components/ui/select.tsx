import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";

/**
 * A styled native `<select>`: the best control there is for short lists on phones and for
 * screen readers. Use {@link Combobox} when the list is long enough to need type-to-filter.
 */
export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className, ...props }, ref) {
  return (
    <div className="relative">
      <select
        ref={ref}
        className={cn(
          "h-10 w-full appearance-none rounded-md border border-slate-300 bg-white pr-9 pl-3 text-sm text-slate-900 shadow-xs",
          "hover:border-slate-400 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-400",
          className,
        )}
        {...props}
      />
      <Chevron />
    </div>
  );
});

export function Chevron({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={cn("pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500", className)}>
      <path fill="currentColor" d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.39a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z" />
    </svg>
  );
}
