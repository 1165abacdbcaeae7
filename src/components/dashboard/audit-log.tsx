"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { describeError } from "./errors";
import { Card, EmptyState, ErrorNote, formatTime } from "./page-parts";

/** The organization's audit log, newest first, 50 at a time; each entry's diff expands in place. */
export function AuditLog() {
  const trpc = useTRPC();
  const audit = useInfiniteQuery(trpc.org.audit.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const [open, setOpen] = useState<number | null>(null);
  if (audit.error) return <ErrorNote>{describeError(audit.error)}</ErrorNote>;
  if (!audit.data) return <div className="h-64 animate-pulse rounded-xl bg-slate-100" />;
  const items = audit.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title="Nothing recorded yet">Every change an admin or API key makes — schemas, imports, rules, publishes — appears here.</EmptyState>;
  return (
    <Card bodyClassName="p-0">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-5 py-2.5 font-medium">When</th>
              <th className="px-3 py-2.5 font-medium">Who</th>
              <th className="px-3 py-2.5 font-medium">Action</th>
              <th className="px-3 py-2.5 font-medium">Target</th>
              <th className="px-5 py-2.5"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((e) => (
              <Fragment key={e.id}>
                <tr>
                  <td className="px-5 py-2.5 whitespace-nowrap text-slate-600">{formatTime(e.createdAt)}</td>
                  <td className="px-3 py-2.5">
                    <span title={e.actorId}>{e.actorLabel}</span>
                  </td>
                  <td className="px-3 py-2.5 font-mono text-xs font-medium">{e.action}</td>
                  <td className="px-3 py-2.5 text-slate-600">
                    {e.targetType}
                    {e.targetLabel ? <span className="font-medium text-slate-800"> “{e.targetLabel}”</span> : e.targetId ? ` #${e.targetId}` : ""}
                  </td>
                  <td className="px-5 py-2.5 text-right">
                    {e.diff ? (
                      <Button size="sm" variant="ghost" aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                        {open === e.id ? "Hide" : "Details"}
                      </Button>
                    ) : null}
                  </td>
                </tr>
                {open === e.id ? (
                  <tr>
                    <td colSpan={5} className="bg-slate-50 px-5 py-3">
                      <pre className="max-h-72 overflow-auto text-xs">{JSON.stringify(e.diff, null, 2)}</pre>
                      <p className="mt-1 text-xs text-slate-400">request {e.requestId}</p>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {audit.hasNextPage ? (
        <div className="border-t border-slate-100 p-3 text-center">
          <Button size="sm" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
            {audit.isFetchingNextPage ? "Loading…" : "Load older entries"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
