import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import type { Verdict } from "./types";
import { VERDICT_META, verdictKind, type VerdictKind } from "./verdict-words";

export { VERDICT_META, verdictKind, type VerdictKind } from "./verdict-words";

/** The verdict's icon, decorative (`aria-hidden`): pair it with text or an aria-label. */
export function VerdictIcon({ kind, className }: { kind: VerdictKind; className?: string }) {
  const cls = cn("shrink-0", className ?? "size-4");
  switch (kind) {
    case "compatible":
      return (
        <svg aria-hidden="true" viewBox="0 0 20 20" className={cls}>
          <rect width="20" height="20" rx="5" className="fill-green-600" />
          <path d="M5.5 10.5l3 3 6-7" fill="none" stroke="white" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case "partial":
      return (
        <svg aria-hidden="true" viewBox="0 0 20 20" className={cls}>
          <path d="M10 1.8c.6 0 1.1.3 1.4.8l7.4 13a1.6 1.6 0 0 1-1.4 2.4H2.6a1.6 1.6 0 0 1-1.4-2.4l7.4-13c.3-.5.8-.8 1.4-.8Z" className="fill-amber-400" />
          <path d="M10 7v4.5" stroke="#3f2a00" strokeWidth="2" strokeLinecap="round" />
          <circle cx="10" cy="14.4" r="1.2" fill="#3f2a00" />
        </svg>
      );
    case "incompatible":
      return (
        <svg aria-hidden="true" viewBox="0 0 20 20" className={cls}>
          <circle cx="10" cy="10" r="9" className="fill-red-600" />
          <path d="M6.8 6.8l6.4 6.4M13.2 6.8l-6.4 6.4" stroke="white" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
      );
    default:
      return (
        <svg aria-hidden="true" viewBox="0 0 20 20" className={cls}>
          <circle cx="10" cy="10" r="9" className="fill-slate-200 stroke-slate-500" strokeWidth="1.2" />
          <path d="M7.7 7.6a2.4 2.4 0 1 1 3.3 2.2c-.6.3-1 .8-1 1.5v.4" fill="none" stroke="#334155" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="10" cy="14.6" r="1.1" fill="#334155" />
        </svg>
      );
  }
}

/**
 * A verdict as icon + words (never colour alone). `unknown` adds "some data missing" so a
 * reader never takes "could not check" for "incompatible".
 */
export function VerdictBadge({ verdict, unknown = false, className }: { verdict: Verdict | null; unknown?: boolean; className?: string }) {
  const kind = verdictKind(verdict);
  const meta = VERDICT_META[kind];
  return (
    <Badge tone={meta.tone} className={cn("py-1 pr-2.5 pl-1.5 text-[0.8125rem]", className)}>
      <VerdictIcon kind={kind} className="size-3.5" />
      {meta.text}
      {unknown && kind !== "unknown" && <span className="font-normal text-unknown">· data missing</span>}
    </Badge>
  );
}

const FEATURE_META = {
  pass: { icon: "✓", text: "Pass", className: "bg-green-50 text-ok ring-green-200" },
  fail: { icon: "✕", text: "Fail", className: "bg-red-50 text-bad ring-red-200" },
  unknown: { icon: "?", text: "Unknown — data missing", className: "bg-slate-100 text-unknown ring-slate-300" },
} as const;

/** Per-feature status mark: a symbol plus visually hidden words for screen readers. */
export function FeatureStatusMark({ status }: { status: "pass" | "fail" | "unknown" }) {
  const meta = FEATURE_META[status];
  return (
    <span className={cn("mt-px inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ring-1", meta.className)} title={meta.text}>
      <span aria-hidden="true">{meta.icon}</span>
      <span className="sr-only">{meta.text}</span>
    </span>
  );
}
