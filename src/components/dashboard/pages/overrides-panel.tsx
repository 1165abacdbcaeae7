"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Field, TextInput } from "~/components/ui/form-field";
import { Select } from "~/components/ui/select";
import { VerdictBadge } from "~/components/public/verdict";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { Card, ErrorNote } from "../page-parts";
import { RowPicker } from "./row-picker";

type Verdict = 0 | 1 | 2;

/**
 * Per-pair verdicts that replace the computed one (exact pair beats source-wide beats target-wide),
 * each with a note shown to visitors. Rows are picked by search, never typed from memory.
 */
export function OverridesPanel({ pageId, sourceDatasetId, targetDatasetId }: { pageId: number; sourceDatasetId: number; targetDatasetId: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.overrides.list.queryOptions({ pageId }));
  const [adding, setAdding] = useState(false);
  const [sourceKey, setSourceKey] = useState<string | null>(null);
  const [targetKey, setTargetKey] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict>(2);
  const [note, setNote] = useState("");
  const [deleting, setDeleting] = useState<number | null>(null);
  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: trpc.overrides.list.queryKey({ pageId }) }), qc.invalidateQueries({ queryKey: trpc.pages.pathKey() })]);
  const upsert = useMutation(
    trpc.overrides.upsert.mutationOptions({
      onSuccess: async () => {
        setAdding(false);
        setNote("");
        await invalidate();
      },
    }),
  );
  const remove = useMutation(trpc.overrides.delete.mutationOptions({ onSuccess: async () => (setDeleting(null), await invalidate()) }));
  const any = (k: string | null, side: string) => k ?? <span className="italic text-slate-500">any {side}</span>;

  return (
    <Card
      title={`Overrides (${list.data?.length ?? 0})`}
      description="Force a verdict for a pair, a whole source or a whole target — e.g. a known exception your data can't express."
      actions={
        !adding ? (
          <Button size="sm" onClick={() => setAdding(true)}>
            <Icon name="plus" className="size-4" /> Add override
          </Button>
        ) : null
      }
    >
      {list.error ? <ErrorNote>{describeError(list.error)}</ErrorNote> : null}
      {adding ? (
        <form
          className="mb-4 space-y-4 rounded-xl border border-indigo-200 bg-indigo-50/40 p-4"
          aria-label="New override"
          onSubmit={(e) => {
            e.preventDefault();
            upsert.mutate({ pageId, sourceKey, targetKey, verdict, note: note.trim() || null });
          }}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <RowPicker side="source" datasetId={sourceDatasetId} value={sourceKey} onChange={setSourceKey} label="Source" />
            <RowPicker side="target" datasetId={targetDatasetId} value={targetKey} onChange={setTargetKey} label="Target" />
          </div>
          <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
            <Field label="Verdict">
              {({ invalid: _i, ...p }) => (
                <Select {...p} value={verdict} onChange={(e) => setVerdict(Number(e.target.value) as Verdict)}>
                  <option value={2}>Compatible</option>
                  <option value={1}>Partial</option>
                  <option value={0}>Incompatible</option>
                </Select>
              )}
            </Field>
            <Field label="Note (shown with the verdict)">
              {(p) => <TextInput {...p} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} placeholder="Verified by our team in March" />}
            </Field>
          </div>
          {sourceKey === null && targetKey === null ? <p className="text-xs text-amber-800">Pick a source, a target, or both — an override for every pair isn't allowed.</p> : null}
          {upsert.error ? <ErrorNote>{describeError(upsert.error)}</ErrorNote> : null}
          <div className="flex gap-2">
            <Button type="submit" variant="primary" disabled={upsert.isPending || (sourceKey === null && targetKey === null)}>
              Save override
            </Button>
            <Button onClick={() => setAdding(false)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      {list.data?.length === 0 && !adding ? <p className="py-4 text-center text-sm text-slate-500">No overrides: every verdict comes from the rules.</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="overrides-table">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-3 font-medium">Source</th>
                <th className="py-2 pr-3 font-medium">Target</th>
                <th className="py-2 pr-3 font-medium">Verdict</th>
                <th className="py-2 pr-3 font-medium">Note</th>
                <th className="py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.data.map((o) => (
                <tr key={o.id}>
                  <td className="py-2 pr-3 font-mono text-xs">{any(o.sourceKey, "source")}</td>
                  <td className="py-2 pr-3 font-mono text-xs">{any(o.targetKey, "target")}</td>
                  <td className="py-2 pr-3"><VerdictBadge verdict={o.verdict} /></td>
                  <td className="py-2 pr-3 text-slate-600">{o.note}</td>
                  <td className="py-2 text-right">
                    <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" aria-label={`Delete override ${o.sourceKey ?? "any"} / ${o.targetKey ?? "any"}`} onClick={() => setDeleting(o.id)}>
                      <Icon name="trash" className="size-4" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this override?"
        description="The pair goes back to its computed verdict in the draft; the public page changes when you publish."
        confirmLabel="Delete override"
        destructive
        busy={remove.isPending}
        onConfirm={() => deleting !== null && remove.mutate({ id: deleting })}
      >
        {remove.error ? <ErrorNote>{describeError(remove.error)}</ErrorNote> : null}
      </ConfirmDialog>
    </Card>
  );
}
