"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { ProgressBar } from "~/components/ui/progress-bar";
import { useTRPC } from "~/trpc/react";

/** Limit names (from the server) in words. */
export const limitLabels: Record<string, string> = {
  sourceSchemas: "Source schemas",
  targetSchemas: "Target schemas",
  sourceRowsPerDataset: "Source rows",
  targetRowsPerDataset: "Target rows",
  dimensionsPerSchema: "Dimensions / schema",
  rulesPerPage: "Rules / page",
  customSubdomain: "Custom subdomain",
};

export const tierLabels: Record<string, string> = { personal: "Personal", team: "Team", enterprise: "Enterprise" };

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * The plan tier and current use against each limit (org.usage). Lives in the sidebar so admins
 * see a limit coming before a write is refused.
 */
export function UsagePanel({ compact = false }: { compact?: boolean }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.org.usage.queryOptions());
  if (!usage.data) return <div className="h-24 animate-pulse rounded-lg bg-slate-100" aria-label="Loading usage" />;
  const lines = usage.data.lines.filter((l) => l.limit !== "customSubdomain" && (!compact || l.max !== null));
  return (
    <section aria-label="Plan and usage" className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Plan</h2>
        <Badge tone="info" data-testid="plan-tier">
          {tierLabels[usage.data.tier] ?? usage.data.tier}
        </Badge>
      </div>
      <dl className="mt-3 space-y-2.5">
        {lines.map((l) => {
          const ratio = l.max ? l.use / l.max : 0;
          return (
            <div key={l.limit}>
              <div className="flex items-baseline justify-between gap-2 text-xs">
                <dt className="text-slate-600" title={l.limit.endsWith("PerDataset") ? "Largest dataset, against the per-dataset limit" : undefined}>
                  {limitLabels[l.limit] ?? l.limit}
                </dt>
                <dd className="font-medium text-slate-800 tabular-nums">
                  {fmt(l.use)}
                  <span className="text-slate-400"> / {l.max === null ? "∞" : fmt(l.max)}</span>
                </dd>
              </div>
              {l.max !== null ? (
                <ProgressBar className="mt-1 h-1.5" value={l.use} max={l.max} label={`${limitLabels[l.limit]} used`} tone={ratio >= 1 ? "bad" : ratio >= 0.8 ? "warn" : "brand"} />
              ) : null}
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** One line for the narrow header: the tier and the limit closest to being reached. */
export function UsageSummary() {
  const trpc = useTRPC();
  const usage = useQuery(trpc.org.usage.queryOptions());
  if (!usage.data) return null;
  const tightest = usage.data.lines
    .filter((l) => l.max !== null && l.limit !== "customSubdomain")
    .sort((a, b) => b.use / (b.max || 1) - a.use / (a.max || 1))[0];
  return (
    <span className="flex min-w-0 items-center gap-2 text-xs text-slate-600" aria-label="Plan and usage">
      <Badge tone="info">{tierLabels[usage.data.tier] ?? usage.data.tier}</Badge>
      {tightest ? (
        <span className="truncate tabular-nums">
          {limitLabels[tightest.limit]}: {fmt(tightest.use)} / {fmt(tightest.max!)}
        </span>
      ) : null}
    </span>
  );
}
