"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ProgressBar } from "~/components/ui/progress-bar";
import { downloadText, exportFileName, importErrorsToCsv } from "~/lib/export";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { ErrorNote } from "../page-parts";
import type { Side } from "../schemas/schema-model";
import { sideRouter } from "~/trpc/side";
import { importProgressView } from "./import-progress-view";

const fmt = (n: number) => n.toLocaleString("en-US");
const running = (s: string | undefined) => s === "pending" || s === "processing";

/**
 * Follows one import: polls `imports.get` every half second while it runs (progress bar with
 * rows done / total), then shows the stats, the row errors with line numbers and a CSV download
 * of the error report. `data-seen` lists the statuses observed, for tests and for support.
 */
export function ImportProgress({ side, importId, onFinished, onDismiss }: { side: Side; importId: number; onFinished(): void; onDismiss?: () => void }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const q = useQuery({ ...api.imports.get.queryOptions({ id: importId }), refetchInterval: (query) => (running(query.state.data?.status) || !query.state.data ? 500 : false), staleTime: 0 });
  const [seen, setSeen] = useState<string[]>([]);
  const finishedFor = useRef<number | null>(null);
  const v = q.data;
  useEffect(() => {
    if (v && !seen.includes(v.status)) setSeen((s) => [...s, v.status]);
    if (v && !running(v.status) && finishedFor.current !== importId) {
      finishedFor.current = importId;
      onFinished();
    }
  }, [v, seen, importId, onFinished]);

  if (q.error) return <ErrorNote>{describeError(q.error)}</ErrorNote>;
  const status = v?.status ?? "pending";
  const progress = importProgressView(v);
  return (
    <div className="space-y-4" data-testid="import-result" data-status={status} data-seen={seen.join(",")}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium" aria-live="polite">
          {v?.fileName ?? "Import"} — {v?.summary ?? "Starting…"}
        </p>
        <Badge tone={status === "completed" ? "ok" : status === "failed" ? "bad" : "partial"}>{status}</Badge>
      </div>
      {running(status) ? (
        <div data-testid="import-progress">
          <ProgressBar value={progress.value} max={progress.max} label="Import progress" />
          <p className="mt-1 text-xs text-slate-500 tabular-nums" data-testid="import-progress-text">
            {progress.text}
          </p>
        </div>
      ) : null}
      {v?.stats ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {(
            [
              ["Inserted", v.stats.inserted],
              ["Updated", v.stats.updated],
              ["Unchanged", v.stats.unchanged],
              ["Removed", v.stats.removed],
              ["Errors", v.stats.errors],
            ] as const
          ).map(([label, n]) => (
            <div key={label} className="rounded-lg border border-slate-200 px-3 py-2">
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className={`text-lg font-semibold tabular-nums ${label === "Errors" && n > 0 ? "text-red-700" : ""}`}>{fmt(n)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {v?.status === "failed" && v.error ? <ErrorNote>{v.error}</ErrorNote> : null}
      {v?.warnings.length ? (
        <ul className="space-y-0.5 text-xs text-amber-800">
          {v.warnings.slice(0, 5).map((w) => (
            <li key={w}>⚠ {w}</li>
          ))}
        </ul>
      ) : null}
      {v && v.errors.length > 0 ? (
        <div>
          <div className="mb-2 flex items-center justify-between">
            <h3 className="text-sm font-medium">
              Row errors{v.stats && v.stats.errors > v.errors.length ? ` (first ${v.errors.length} of ${fmt(v.stats.errors)})` : ""}
            </h3>
            <Button size="sm" onClick={() => downloadText(exportFileName(["import", String(v.id), "errors"], "csv"), importErrorsToCsv(v.errors), "text/csv")}>
              <Icon name="download" className="size-4" /> Download error report (CSV)
            </Button>
          </div>
          <div className="max-h-64 overflow-auto rounded-lg border border-slate-200">
            <table className="w-full text-sm">
              <thead className="sticky top-0 bg-slate-50 text-left text-xs text-slate-500 uppercase">
                <tr>
                  <th className="w-20 px-3 py-2 font-medium">Line</th>
                  <th className="w-40 px-3 py-2 font-medium">Field</th>
                  <th className="px-3 py-2 font-medium">Problem</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {v.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="px-3 py-1.5 font-mono text-xs tabular-nums">{e.line}</td>
                    <td className="px-3 py-1.5 font-mono text-xs">{e.field ?? e.column ?? ""}</td>
                    <td className="px-3 py-1.5">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {!running(status) && onDismiss ? (
        <Button size="sm" onClick={onDismiss}>
          Import another file
        </Button>
      ) : null}
    </div>
  );
}
