"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";
import { Card, ErrorNote, formatTime } from "../page-parts";

type PublishDiff = inferRouterOutputs<AppRouter>["pages"]["publishPreview"];
type OverrideLine = PublishDiff["overrides"]["added"][number];

const verdictWord = ["incompatible", "partial", "compatible"] as const;
const pair = (o: OverrideLine) => `${o.sourceKey ?? "any source"} × ${o.targetKey ?? "any target"}`;

/** The server's diff (draft vs live revision) as lines an admin reads before publishing. */
function diffLines(d: PublishDiff) {
  const lines: { kind: "added" | "removed" | "changed"; text: string }[] = [];
  for (const r of d.rules.added) lines.push({ kind: "added", text: `rule ${r.name}` });
  for (const r of d.rules.removed) lines.push({ kind: "removed", text: `rule ${r.name}` });
  for (const r of d.rules.changed) lines.push({ kind: "changed", text: `rule ${r.name}: ${r.fields.join(", ")}` });
  if (d.rules.reordered) lines.push({ kind: "changed", text: "rule order" });
  for (const o of d.overrides.added) lines.push({ kind: "added", text: `override ${pair(o)} → ${verdictWord[o.verdict]}` });
  for (const o of d.overrides.removed) lines.push({ kind: "removed", text: `override ${pair(o)}` });
  for (const c of d.overrides.changed) lines.push({ kind: "changed", text: `override ${pair(c.after)}: ${verdictWord[c.before.verdict]} → ${verdictWord[c.after.verdict]}` });
  for (const setting of d.settings) lines.push({ kind: "changed", text: setting });
  return lines;
}

const tone = { added: "ok", removed: "bad", changed: "partial" } as const;

/**
 * Publishing: the current revision, a confirmation that lists what will change (rules, overrides
 * and settings diffed against the live revision by `pages.publishPreview`), the revision history
 * and the public addresses.
 */
export function PublishPanel({ pageId, publicUrls }: { pageId: number; publicUrls: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const page = useQuery(trpc.pages.get.queryOptions({ id: pageId }));
  const revisions = useQuery(trpc.pages.revisions.queryOptions({ pageId }));
  const [open, setOpen] = useState(false);
  const rules = useQuery({ ...trpc.rules.list.queryOptions({ pageId }), enabled: open });
  const overrides = useQuery({ ...trpc.overrides.list.queryOptions({ pageId }), enabled: open });
  const preview = useQuery({ ...trpc.pages.publishPreview.queryOptions({ pageId }), enabled: open, staleTime: 0 });
  // Which pairs change verdict (docs/changes.md), computed by the engine for the live revision and the draft.
  const verdicts = useQuery({ ...trpc.pages.diff.queryOptions({ pageId, from: "live", to: "draft" }), enabled: open, staleTime: 0 });
  const [note, setNote] = useState("");
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
  const diff = preview.data ? diffLines(preview.data) : null;

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
                    Revision {r.number} <span className="text-xs text-slate-500">· {formatTime(r.createdAt)} · {r.publishedByLabel}</span>
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
        onConfirm={() => publish.mutate({ pageId, note: note.trim() || undefined })}
      >
        <div className="space-y-3" data-testid="publish-diff">
          {!diff ? <div className="h-16 animate-pulse rounded bg-slate-100" /> : null}
          {diff ? (
            <div>
              <h3 className="mb-1 font-medium">{p.revision ? `Changes since revision ${p.revision.number}` : "First publish"}</h3>
              {diff.length === 0 ? (
                <p className="text-slate-500">Nothing changed: the draft is identical to the live revision.</p>
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
          {preview.data?.warnings.map((w) => (
            <p key={w} role="alert" data-testid="no-rules-warning" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
              {w}
            </p>
          ))}
          {verdicts.data && p.revision ? (
            <p data-testid="publish-verdicts" className="font-medium">
              {verdicts.data.perPair
                ? verdicts.data.changed === 0
                  ? "Publishing changes no verdicts."
                  : `Publishing changes ${verdicts.data.changed} verdict${verdicts.data.changed === 1 ? "" : "s"}: ${verdicts.data.better} better, ${verdicts.data.worse} worse.`
                : "This page is too large to compare verdict by verdict before publishing."}
            </p>
          ) : null}
          <label className="block">
            <span className="mb-1 block text-slate-600">Note for the public changelog (optional)</span>
            <textarea
              className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
              rows={2}
              maxLength={1000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="publish-note"
            />
          </label>
          <p className="text-slate-600">
            Will publish {rules.data?.length ?? p.ruleCount} rule(s) and {overrides.data?.length ?? p.overrideCount} override(s), with the current policies and headlines.
          </p>
          {preview.error ? <ErrorNote>{describeError(preview.error)}</ErrorNote> : null}
          {publish.error ? <ErrorNote>{describeError(publish.error)}</ErrorNote> : null}
        </div>
      </ConfirmDialog>
    </Card>
  );
}
