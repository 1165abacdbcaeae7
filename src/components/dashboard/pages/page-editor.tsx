"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { ErrorNote, PageHeader } from "../page-parts";
import { OverridesPanel } from "./overrides-panel";
import { PageSettings } from "./page-settings";
import { PreviewPanel } from "./preview-panel";
import { PublishPanel } from "./publish-panel";
import { RulesPanel } from "./rules-panel";

const tabs = [
  { id: "rules", label: "Rules" },
  { id: "overrides", label: "Overrides" },
  { id: "settings", label: "Settings" },
  { id: "publish", label: "Publish" },
] as const;
type Tab = (typeof tabs)[number]["id"];

/** Tabs with the WAI-ARIA keyboard model: ←/→ move between tabs, Tab goes into the panel. */
function TabList({ value, onChange }: { value: Tab; onChange(t: Tab): void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div role="tablist" aria-label="Page editor" className="flex gap-1 border-b border-slate-200">
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={value === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={value === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
            const next = (i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length;
            onChange(tabs[next]!.id);
            refs.current[next]?.focus();
          }}
          className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-medium", value === t.id ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900")}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A page's editor: rules, overrides, settings and publishing on the left, the live draft preview
 * and pair inspector on the right (stacked below 1280 px).
 */
export function PageEditor({ pageId, publicUrls, ruleLimit }: { pageId: number; publicUrls: string[]; ruleLimit: number | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("rules");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const page = useQuery(trpc.pages.get.queryOptions({ id: pageId }));
  const src = useQuery({ ...trpc.sources.datasets.get.queryOptions({ id: page.data?.sourceDatasetId ?? 0 }), enabled: Boolean(page.data) });
  const tgt = useQuery({ ...trpc.targets.datasets.get.queryOptions({ id: page.data?.targetDatasetId ?? 0 }), enabled: Boolean(page.data) });
  const remove = useMutation(
    trpc.pages.delete.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.pages.pathKey() });
        router.push("/dashboard/pages");
      },
    }),
  );
  if (page.error) return <ErrorNote>{describeError(page.error)}</ErrorNote>;
  const p = page.data;
  if (!p || !src.data || !tgt.data) return <div className="h-96 animate-pulse rounded-xl bg-slate-100" />;
  const fields = { source: src.data.schema.fields, target: tgt.data.schema.fields };
  const levels = src.data.schema.dimensions.length;

  return (
    <>
      <PageHeader
        back={{ href: "/dashboard/pages", label: "Pages" }}
        title={p.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <Badge>{p.template}</Badge>
            <Badge tone={p.status === "published" ? "ok" : "neutral"}>{p.status}</Badge>
            <span className="font-mono text-xs">/{p.slug}</span>
            <span className="text-xs text-slate-500">
              · {src.data.name} × {tgt.data.name}
            </span>
          </span>
        }
        actions={
          <Button className="text-red-700" onClick={() => setConfirmDelete(true)}>
            Delete page
          </Button>
        }
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="min-w-0 space-y-4">
          <TabList value={tab} onChange={setTab} />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "rules" ? <RulesPanel pageId={p.id} fields={fields} ruleLimit={ruleLimit} /> : null}
            {tab === "overrides" ? <OverridesPanel pageId={p.id} sourceDatasetId={p.sourceDatasetId} targetDatasetId={p.targetDatasetId} /> : null}
            {tab === "settings" ? <PageSettings key={p.updatedAt.toISOString()} page={p} levels={levels} targetFields={fields.target.map((f) => f.name)} /> : null}
            {tab === "publish" ? <PublishPanel pageId={p.id} publicUrls={publicUrls.map((u) => u.replace("{slug}", p.slug))} /> : null}
          </div>
        </div>
        <aside aria-label="Preview" className="min-w-0 xl:sticky xl:top-6 xl:self-start">
          <PreviewPanel pageId={p.id} pageSlug={p.slug} template={p.template} sourceDatasetId={p.sourceDatasetId} levels={levels} />
        </aside>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Delete the page "${p.name}"?`}
        description="Its rules, overrides and every revision go with it, and the public page stops answering. This cannot be undone."
        confirmLabel="Delete page"
        destructive
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ id: p.id })}
      >
        {remove.error ? <ErrorNote>{describeError(remove.error)}</ErrorNote> : null}
      </ConfirmDialog>
    </>
  );
}
