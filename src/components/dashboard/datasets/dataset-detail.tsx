"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Card, ErrorNote, PageHeader, formatTime } from "../page-parts";
import type { Side } from "../schemas/schema-model";
import { statusTone } from "./dataset-list";
import { ImportPanel } from "./import-panel";
import { RowsTable } from "./rows-table";
import { sideRouter } from "~/trpc/side";

function ImportHistory({ side, datasetId }: { side: Side; datasetId: number }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const list = useQuery(api.imports.list.queryOptions({ datasetId, limit: 10 }));
  if (!list.data || list.data.length === 0) return null;
  return (
    <Card title="Recent imports" bodyClassName="p-0">
      <ul className="divide-y divide-slate-100 text-sm">
        {list.data.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2.5">
            <span className="min-w-0">
              <span className="font-medium">{i.fileName ?? `import #${i.id}`}</span>
              <span className="ml-2 text-xs text-slate-500">
                {formatTime(i.createdAt)} · {i.mode} · on error: {i.onError}
              </span>
              <span className="block text-xs text-slate-600">{i.summary}</span>
            </span>
            <Badge tone={i.status === "completed" ? "ok" : i.status === "failed" ? "bad" : "partial"}>{i.status}</Badge>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** One dataset: facts, the import flow, recent imports and the rows; deletable with confirmation. */
export function DatasetDetail({ side, datasetId }: { side: Side; datasetId: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const api = sideRouter(trpc, side);
  const ds = useQuery(api.datasets.get.queryOptions({ id: datasetId }));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation(
    api.datasets.delete.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: api.datasets.pathKey() });
        router.push("/dashboard/datasets");
      },
    }),
  );
  // After an import: the dataset's counts and version, its rows, its import list and plan usage all moved.
  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: api.datasets.pathKey() });
    void qc.invalidateQueries({ queryKey: api.imports.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.org.usage.queryKey() });
  }, [qc, api, trpc]);

  if (ds.error) return <ErrorNote>{describeError(ds.error)}</ErrorNote>;
  if (!ds.data) return <div className="h-64 animate-pulse rounded-xl bg-slate-100" />;
  const d = ds.data;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/dashboard/datasets", label: "Datasets" }}
        title={d.name}
        description={`${side === "source" ? "Source" : "Target"} dataset #${d.id} · ${d.schema.fields.length} fields · key ${d.schema.keyField}`}
        actions={
          <Button className="text-red-700" onClick={() => setConfirmDelete(true)}>
            Delete dataset
          </Button>
        }
      />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(
          [
            ["Rows", d.rowCount.toLocaleString("en-US")],
            ["Version", `v${d.version}`],
            ["Status", <Badge key="s" tone={statusTone[d.status]} data-testid="dataset-status">{d.status}</Badge>],
            ["Updated", formatTime(d.updatedAt)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-xl border border-slate-200 bg-white px-4 py-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="mt-0.5 text-lg font-semibold" data-testid={label === "Rows" ? "dataset-rows" : undefined}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <ImportPanel side={side} datasetId={d.id} schema={d.schema} onFinished={refresh} />
      <ImportHistory side={side} datasetId={d.id} />
      <RowsTable key={d.version} side={side} datasetId={d.id} schema={d.schema} rowCount={d.rowCount} />
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete "${d.name}" and its ${d.rowCount.toLocaleString("en-US")} rows?`}
        description="Pages that use this dataset must be moved to another dataset first. This cannot be undone."
        confirmLabel="Delete dataset"
        destructive
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ id: d.id })}
      >
        {remove.error ? <ErrorNote>{describeError(remove.error)}</ErrorNote> : null}
      </ConfirmDialog>
    </div>
  );
}
