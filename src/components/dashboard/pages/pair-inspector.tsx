"use client";

import { useQuery } from "@tanstack/react-query";
import { FeatureStatusMark, VerdictBadge } from "~/components/public/verdict";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { ErrorNote } from "../page-parts";

export interface PairRef {
  sourceKey: string;
  targetKey: string;
}

const showValue = (v: unknown, missing: boolean) => (missing ? "missing" : JSON.stringify(v));

/**
 * One pair of the draft with the full explanation (`pages.check`): verdict (and the computed one
 * when an override replaced it), score, every rule's status and the values it read.
 */
export function PairInspector({ pageId, pair, onClose }: { pageId: number; pair: PairRef; onClose(): void }) {
  const trpc = useTRPC();
  const check = useQuery(trpc.pages.check.queryOptions({ pageId, ...pair, draft: true }));
  const r = check.data;
  return (
    <section aria-label="Pair inspector" className="rounded-xl border border-slate-200 bg-white shadow-xs" data-testid="pair-inspector">
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold">Pair inspector</h3>
          <p className="truncate font-mono text-xs text-slate-500">
            {pair.sourceKey} × {pair.targetKey}
          </p>
        </div>
        <Button size="sm" variant="ghost" aria-label="Close pair inspector" onClick={onClose}>
          <Icon name="close" className="size-4" />
        </Button>
      </div>
      <div className="space-y-3 p-4 text-sm">
        {check.error ? <ErrorNote>{describeError(check.error)}</ErrorNote> : null}
        {!r && !check.error ? <div className="h-24 animate-pulse rounded bg-slate-100" /> : null}
        {r ? (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <VerdictBadge verdict={r.verdict} unknown={r.features.some((f) => f.status === "unknown")} />
              <span className="text-slate-600">score {Math.round(r.score * 100)}%</span>
              {r.overridden ? (
                <span className="text-xs text-slate-600">
                  override (rules say <VerdictBadge verdict={r.computedVerdict} className="ml-1" />)
                </span>
              ) : null}
            </div>
            {r.note ? <p className="rounded-md bg-slate-50 px-3 py-2 text-slate-700">Note: {r.note}</p> : null}
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
              {r.features.map((f) => (
                <li key={f.ruleId} className="flex gap-2.5 px-3 py-2">
                  <FeatureStatusMark status={f.status} />
                  <div className="min-w-0">
                    <p className="font-medium">
                      {f.rule?.name ?? `rule ${f.ruleId}`} {f.rule?.required ? <span className="text-xs font-normal text-red-700">required</span> : null}
                    </p>
                    {f.explanation ? (
                      <>
                        <p className="font-mono text-xs text-slate-600">{f.explanation.text}</p>
                        {/* The values read, unless the explanation already spells them out. */}
                        {f.explanation.vars.some((x) => !f.explanation!.text.includes(x.var)) ? (
                          <p className="mt-0.5 font-mono text-xs text-slate-500">
                            {f.explanation.vars.map((x) => `${x.var} = ${showValue(x.value, x.missing)}`).join(", ")}
                          </p>
                        ) : null}
                      </>
                    ) : null}
                  </div>
                </li>
              ))}
              {r.features.length === 0 ? <li className="px-3 py-2 text-slate-500">No rules on this page.</li> : null}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
