"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { Card, ErrorNote, formatTime } from "../page-parts";

interface Feature {
  id: string;
  name: string;
  required: boolean;
  weight: number;
  category: string | null;
}

/** Rules added, removed or re-weighted between the published revision and the draft. */
function ruleDiff(published: Feature[], draft: { id: number; name: string; required: boolean; weight: number; category: string | null }[]) {
  const before = new Map(published.map((f) => [f.id, f]));
  const lines: { kind: "added" | "removed" | "changed"; text: string }[] = [];
  for (const r of draft) {
    const p = before.get(String(r.id));
    if (!p) lines.push({ kind: "added", text: `${r.name}${r.required ? " (required)" : ` (weight ${r.weight})`}` });
    else {
      const what = [
        p.name !== r.name ? `renamed from “${p.name}”` : null,
        p.required !== r.required ? (r.required ? "now required" : "now optional") : null,
        p.weight !== r.weight ? `weight ${p.weight} → ${r.weight}` : null,
        (p.category ?? "") !== (r.category ?? "") ? `category ${p.category ?? "—"} → ${r.category ?? "—"}` : null,
      ].filter(Boolean);
      if (what.length) lines.push({ kind: "changed", text: `${r.name}: ${what.join(", ")}` });
    }
    before.delete(String(r.id));
  }
  for (const p of before.values()) lines.push({ kind: "removed", text: p.name });
  return lines;
}

const tone = { added: "ok", removed: "bad", changed: "partial" } as const;

/**
 * Publishing: the current revision, a confirmation that lists what will change (rules diffed
 * against the published revision; overrides and policies as they will be published), the
 * revision history and the public addresses.
 */
export function PublishPanel({ pageId, publicUrls }: { pageId: number; publicUrls: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const page = useQuery(trpc.pages.get.queryOptions({ id: pageId }));
  const revisions = useQuery(trpc.pages.revisions.queryOptions({ pageId }));
  const [open, setOpen] = useState(false);
  const rules = useQuery({ ...trpc.rules.list.queryOptions({ pageId }), enabled: open });
  const overrides = useQuery({ ...trpc.overrides.list.queryOptions({ pageId }), enabled: open });
  const hasRevision = Boolean(page.data?.revision);
  // The published revision's rule list, read through the evaluation API (its `features`).
  const published = useQuery({ ...trpc.pages.matrix.queryOptions({ pageId, rowOffset: 0, rowLimit: 1, draft: false }), enabled: open && hasRevision, staleTime: 0 });
  const publish = useMutation(
    trpc.pages.publish.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        await qc.invalidateQueries({ queryKey: trpc.pages.pathKey() });
      },
    }),
  );
  const p = page.data;
  if (!p) return null;
  const diff = rules.data && (!hasRevision || published.data) ? ruleDiff(published.data?.features ?? [], rules.data) : null;

  return (
    <Card
      title="Publish"
      description={p.revision ? `Revision ${p.revision.number} is live since ${formatTime(p.revision.publishedAt)}.` : "Not published yet: visitors get a 404 until you publish."}
      actions={
        <Button variant="primary" onClick={() => setOpen(true)} disabled={publish.isPending}>
          {p.revision ? (p.draftDiffers ? "Publish changes" : "Publish again") : "Publish"}
        </Button>
      }
    >
      <div className="space-y-4 text-sm">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={p.status === "published" ? "ok" : "neutral"} data-testid="page-status">{p.status}</Badge>
          {p.revision ? p.draftDiffers ? <Badge tone="partial">draft has unpublished changes</Badge> : <Badge>draft = published</Badge> : null}
        </div>
        {p.status === "published" ? (
          <ul className="space-y-1">
            {publicUrls.map((u) => (
              <li key={u}>
                <a href={u} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-mono text-xs break-all text-indigo-700 hover:underline" data-testid="public-url">
                  {u} <Icon name="external" className="size-3.5" />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {revisions.data && revisions.data.length > 0 ? (
          <div>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Revisions</h3>
            <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200">
              {revisions.data.map((r) => (
                <li key={r.id} className="flex items-center justify-between px-3 py-1.5">
                  <span>
                    Revision {r.number} <span className="text-xs text-slate-500">· {formatTime(r.createdAt)} · {r.publishedBy}</span>
                  </span>
                  {r.current ? <Badge tone="ok">live</Badge> : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        size="md"
        title={p.revision ? `Publish revision ${p.revision.number + 1}?` : "Publish this page?"}
        description={`Visitors of /${p.slug} will see the draft as it is now.`}
        confirmLabel="Publish"
        busy={publish.isPending}
        onConfirm={() => publish.mutate({ pageId })}
      >
        <div className="space-y-3" data-testid="publish-diff">
          {!diff ? <div className="h-16 animate-pulse rounded bg-slate-100" /> : null}
          {diff ? (
            <div>
              <h3 className="mb-1 font-medium">Rules {p.revision ? `since revision ${p.revision.number}` : ""}</h3>
              {diff.length === 0 ? (
                <p className="text-slate-500">No rules added, removed or re-weighted.</p>
              ) : (
                <ul className="space-y-1">
                  {diff.map((l) => (
                    <li key={l.kind + l.text} className="flex items-start gap-2">
                      <Badge tone={tone[l.kind]}>{l.kind}</Badge>
                      <span>{l.text}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
          <p className="text-slate-600">
            Will publish {rules.data?.length ?? p.ruleCount} rule(s) and {overrides.data?.length ?? p.overrideCount} override(s), with the current policies and headlines.
            {p.revision && p.draftDiffers && diff?.length === 0 ? " Rule logic, overrides, policies or headlines changed since the last revision." : ""}
            {p.revision && !p.draftDiffers ? " The draft is identical to the live revision." : ""}
          </p>
          {published.error ? <ErrorNote>{describeError(published.error)}</ErrorNote> : null}
          {publish.error ? <ErrorNote>{describeError(publish.error)}</ErrorNote> : null}
        </div>
      </ConfirmDialog>
    </Card>
  );
}
