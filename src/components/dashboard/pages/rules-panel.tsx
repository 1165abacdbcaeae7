"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { Card, ErrorNote } from "../page-parts";
import type { PageFields } from "./rule-builder";
import { RuleForm, type RuleRow } from "./rule-form";
import { describeShape, shapeOf } from "./rule-shapes";

function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}

/**
 * The page's rules in evaluation/display order. Reorder by dragging a row or with its ↑/↓
 * buttons (keyboard); the new order is saved at once through `rules.reorder`.
 */
export function RulesPanel({ pageId, fields, ruleLimit }: { pageId: number; fields: PageFields; ruleLimit: number | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const listKey = trpc.rules.list.queryKey({ pageId });
  const rules = useQuery(trpc.rules.list.queryOptions({ pageId }));
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [deleting, setDeleting] = useState<RuleRow | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [announce, setAnnounce] = useState("");
  const invalidate = () =>
    Promise.all([qc.invalidateQueries({ queryKey: listKey }), qc.invalidateQueries({ queryKey: trpc.pages.pathKey() }), qc.invalidateQueries({ queryKey: trpc.org.usage.queryKey() })]);
  const reorder = useMutation(trpc.rules.reorder.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.rules.delete.mutationOptions({ onSuccess: async () => (setDeleting(null), await invalidate()) }));

  const list = rules.data ?? [];
  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const next = moved(list, from, to);
    // Optimistic: the list moves now; the server's order comes back on settle.
    qc.setQueryData(listKey, next);
    reorder.mutate({ pageId, ruleIds: next.map((r) => r.id) });
    setAnnounce(`${list[from]!.name} moved to position ${to + 1} of ${list.length}`);
  };

  const atLimit = ruleLimit !== null && list.length >= ruleLimit;
  return (
    <Card
      title={`Rules (${list.length}${ruleLimit !== null ? ` of ${ruleLimit}` : ""})`}
      description="Required rules decide compatibility; optional rules add to the score by weight."
      actions={
        editing !== "new" ? (
          <Button size="sm" variant="primary" onClick={() => setEditing("new")} disabled={atLimit} title={atLimit ? "Your plan's rule limit is reached" : undefined}>
            <Icon name="plus" className="size-4" /> Add rule
          </Button>
        ) : null
      }
    >
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      {rules.error ? <ErrorNote>{describeError(rules.error)}</ErrorNote> : null}
      {reorder.error ? <ErrorNote className="mb-3">{describeError(reorder.error)}</ErrorNote> : null}
      {editing === "new" ? (
        <div className="mb-4">
          <RuleForm pageId={pageId} fields={fields} onDone={() => setEditing(null)} />
        </div>
      ) : null}
      {rules.isSuccess && list.length === 0 && editing !== "new" ? (
        <p className="py-6 text-center text-sm text-slate-500">No rules yet: every pair is compatible. Add a rule to say what a source needs from a target.</p>
      ) : null}
      <ol className="space-y-2" data-testid="rules-list">
        {list.map((r, i) =>
          editing === r.id ? (
            <li key={r.id}>
              <RuleForm pageId={pageId} fields={fields} existing={r} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li
              key={r.id}
              draggable
              onDragStart={(e) => {
                setDragFrom(i);
                e.dataTransfer.effectAllowed = "move";
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragFrom !== null) move(dragFrom, i);
                setDragFrom(null);
              }}
              onDragEnd={() => setDragFrom(null)}
              className={cn("flex items-start gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2.5", dragFrom === i && "opacity-50")}
            >
              <span className="mt-1 cursor-grab text-slate-400" title="Drag to reorder" aria-hidden="true">
                <Icon name="grip" className="size-4" />
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{r.name}</span>
                  {r.required ? <Badge tone="bad">required</Badge> : <Badge>weight {r.weight}</Badge>}
                  {r.category ? <Badge tone="info">{r.category}</Badge> : null}
                </div>
                <code className="mt-0.5 block truncate font-mono text-xs text-slate-500">{(() => {
                  const s = shapeOf(r.logic);
                  return s ? describeShape(s) : JSON.stringify(r.logic);
                })()}</code>
              </div>
              <div className="flex shrink-0 gap-0.5">
                <Button size="sm" variant="ghost" aria-label={`Move ${r.name} up`} disabled={i === 0 || reorder.isPending} onClick={() => move(i, i - 1)}>
                  <Icon name="up" className="size-4" />
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${r.name} down`} disabled={i === list.length - 1 || reorder.isPending} onClick={() => move(i, i + 1)}>
                  <Icon name="down" className="size-4" />
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing(r.id)}>
                  Edit<span className="sr-only"> {r.name}</span>
                </Button>
                <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                  <Icon name="trash" className="size-4" />
                </Button>
              </div>
            </li>
          ),
        )}
      </ol>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete the rule "${deleting?.name}"?`}
        description="The draft changes at once; the public page keeps the rule until you publish."
        confirmLabel="Delete rule"
        destructive
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {remove.error ? <ErrorNote>{describeError(remove.error)}</ErrorNote> : null}
      </ConfirmDialog>
    </Card>
  );
}
