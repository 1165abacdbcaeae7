"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import type { FeatureInfo, FinderResult } from "../types";
import { VerdictBadge } from "../verdict";

type Change = { field: string; to: unknown; label: string; fromText: string; toText: string };
type ChangeValue = string | number | boolean | null;

const changeText = (c: Change) => `${c.label}: ${c.fromText} → ${c.toText}`;
const asChanges = (cs: Change[]) => Object.fromEntries(cs.map((c) => [c.field, c.to as ChangeValue]));

/**
 * "What would make it compatible": the rules in the way, the smallest change on the visitor's
 * side that flips each (found by the server re-evaluating the pair, so it is exact), a button
 * that re-checks the pair with those changes, and fully compatible alternatives in the group.
 */
export function WhatIfPanel({ slug, sourceKey, target, features }: { slug: string; sourceKey: string; target: FinderResult["targets"][number]; features: Map<string, FeatureInfo> }) {
  const trpc = useTRPC();
  const base = useQuery(trpc.public.whatIf.queryOptions({ slug, sourceKey, targetKey: target.key }, { staleTime: 5 * 60_000 }));
  const [tried, setTried] = useState<Record<string, ChangeValue> | null>(null);
  const check = useQuery(trpc.public.whatIf.queryOptions({ slug, sourceKey, targetKey: target.key, changes: tried ?? {} }, { enabled: tried !== null, staleTime: 5 * 60_000 }));

  if (base.isPending) return <p className="mt-4 text-xs text-slate-500">Working out what would make it compatible…</p>;
  if (base.isError) return null;
  const w = base.data;
  const fixes = w.fixes.filter((f) => f.required || w.verdict === 1);
  return (
    <section className="mt-4 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={`What would make ${target.label} compatible`}>
      <h4 className="text-sm font-semibold text-slate-900">What would make it compatible</h4>
      <ul className="mt-2 space-y-1.5 text-sm">
        {fixes.map((f) => (
          <li key={f.ruleId} className="text-slate-700" data-testid="fix">
            <span className="font-medium text-slate-900">{features.get(f.ruleId)?.name ?? f.ruleId}</span>
            {f.required ? " (required)" : ""}:{" "}
            {f.change ? (
              <>
                passes if <span className="font-medium">{changeText(f.change)}</span>
                {f.verdictAfter === 2 && " — that alone makes it compatible"}
              </>
            ) : (
              "no change on your side makes this pass"
            )}
          </li>
        ))}
      </ul>
      {w.combined && (
        <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
          <Button size="sm" onClick={() => setTried(asChanges(w.combined!.changes))} data-testid="try-change">
            Check again with {w.combined.changes.length === 1 ? "this change" : `these ${w.combined.changes.length} changes`}
          </Button>
          {tried && check.data && (
            <span className="flex items-center gap-2" data-testid="tried-verdict">
              With {check.data.tried.map(changeText).join(", ")}: <VerdictBadge verdict={check.data.verdict} />
            </span>
          )}
          {tried && check.isFetching && <span className="text-xs text-slate-500">Checking…</span>}
        </div>
      )}
      {w.alternatives.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          Fully compatible{w.target.group ? ` in ${w.target.group}` : ""}: <span className="font-medium text-slate-900">{w.alternatives.map((a) => a.label).join(", ")}</span>
        </p>
      )}
    </section>
  );
}
