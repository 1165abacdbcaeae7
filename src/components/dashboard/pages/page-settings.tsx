"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Field, TextInput } from "~/components/ui/form-field";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "../errors";
import { Card, ErrorNote } from "../page-parts";

export interface PageDetail {
  id: number;
  slug: string;
  name: string;
  template: "finder" | "matrix";
  sourceDatasetId: number;
  targetDatasetId: number;
  selectionPolicy: { minDepth?: number; aggregate: "worst" | "best" };
  devicePolicy: { groupBy: string | null; hideIncompatible: boolean; sort: "verdict" | "score" | "label"; pageSize: number; unknownRequired: "partial" | "incompatible"; columns?: string[] };
  messaging: { headline2: string; headline1: string; headline0: string };
}

/**
 * The page's draft settings: name, address, template, datasets, selection and device policies,
 * and the headlines per verdict. Slug and name are live at once; the rest waits for publish.
 */
export function PageSettings({ page, levels, targetFields }: { page: PageDetail; levels: number; targetFields: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const sources = useQuery(trpc.sources.datasets.list.queryOptions());
  const targets = useQuery(trpc.targets.datasets.list.queryOptions());
  const [d, setD] = useState(page);
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.pages.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await qc.invalidateQueries({ queryKey: trpc.pages.pathKey() });
      },
    }),
  );
  const errors = fieldErrors(update.error);
  const set = <K extends keyof PageDetail>(k: K, v: PageDetail[K]) => (setD({ ...d, [k]: v }), setSaved(false));
  const setSel = (patch: Partial<PageDetail["selectionPolicy"]>) => set("selectionPolicy", { ...d.selectionPolicy, ...patch });
  const setDev = (patch: Partial<PageDetail["devicePolicy"]>) => set("devicePolicy", { ...d.devicePolicy, ...patch });
  const setMsg = (patch: Partial<PageDetail["messaging"]>) => set("messaging", { ...d.messaging, ...patch });

  const submit = () => {
    const { minDepth, ...sel } = d.selectionPolicy;
    update.mutate({
      id: page.id,
      name: d.name,
      slug: d.slug,
      template: d.template,
      sourceDatasetId: d.sourceDatasetId,
      targetDatasetId: d.targetDatasetId,
      // Policies go whole (the server keeps what is sent); "every level" is the absence of minDepth.
      selectionPolicy: minDepth === undefined ? sel : { ...sel, minDepth },
      devicePolicy: d.devicePolicy,
      messaging: d.messaging,
    });
  };
  const err = (k: string) => errors[k] ?? errors[`${k.split(".")[0]}`];

  return (
    <Card title="Page settings" description="Name and slug change the live page at once; datasets, policies and headlines take effect when you publish.">
      <form
        className="space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" error={errors.name}>{(p) => <TextInput {...p} value={d.name} onChange={(e) => set("name", e.target.value)} />}</Field>
          <Field label="Slug" error={errors.slug}>{(p) => <TextInput {...p} className="font-mono" value={d.slug} onChange={(e) => set("slug", e.target.value)} />}</Field>
          <Field label="Template" error={errors.template}>
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.template} onChange={(e) => set("template", e.target.value as PageDetail["template"])}>
                <option value="finder">Finder</option>
                <option value="matrix">Matrix</option>
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Source dataset" error={errors.sourceDatasetId}>
              {({ invalid: _i, ...p }) => (
                <Select {...p} value={d.sourceDatasetId} onChange={(e) => set("sourceDatasetId", Number(e.target.value))}>
                  {sources.data?.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </Select>
              )}
            </Field>
            <Field label="Target dataset" error={errors.targetDatasetId}>
              {({ invalid: _i, ...p }) => (
                <Select {...p} value={d.targetDatasetId} onChange={(e) => set("targetDatasetId", Number(e.target.value))}>
                  {targets.data?.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </Select>
              )}
            </Field>
          </div>
        </div>

        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">Selection policy</legend>
          <Field label="Results show after" error={err("selectionPolicy.minDepth")} hint="How many Finder levels a visitor must choose first.">
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.selectionPolicy.minDepth ?? "all"} onChange={(e) => setSel({ minDepth: e.target.value === "all" ? undefined : Number(e.target.value) })}>
                <option value="all">every level ({levels})</option>
                {Array.from({ length: levels + 1 }, (_, i) => <option key={i} value={i}>{i} level{i === 1 ? "" : "s"}</option>)}
              </Select>
            )}
          </Field>
          <Field label="Several sources match" error={err("selectionPolicy.aggregate")}>
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.selectionPolicy.aggregate} onChange={(e) => setSel({ aggregate: e.target.value as "worst" | "best" })}>
                <option value="worst">show each target's worst result</option>
                <option value="best">show each target's best result</option>
              </Select>
            )}
          </Field>
        </fieldset>

        <fieldset className="grid gap-4 md:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">Listing (device policy)</legend>
          <Field label="Group targets by" error={err("devicePolicy.groupBy")}>
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.devicePolicy.groupBy ?? ""} onChange={(e) => setDev({ groupBy: e.target.value || null })}>
                <option value="">no grouping</option>
                <option value="key">target key</option>
                {targetFields.map((f) => <option key={f} value={f}>{f}</option>)}
              </Select>
            )}
          </Field>
          <Field label="Sort by" error={err("devicePolicy.sort")}>
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.devicePolicy.sort} onChange={(e) => setDev({ sort: e.target.value as PageDetail["devicePolicy"]["sort"] })}>
                <option value="verdict">verdict, then score</option>
                <option value="score">score, then verdict</option>
                <option value="label">label</option>
              </Select>
            )}
          </Field>
          <Field label="Targets per page" error={err("devicePolicy.pageSize")}>
            {(p) => <TextInput {...p} type="number" min={1} max={200} value={d.devicePolicy.pageSize} onChange={(e) => setDev({ pageSize: Number(e.target.value) })} />}
          </Field>
          <Field label="Unknown required rule (data missing)" error={err("devicePolicy.unknownRequired")}>
            {({ invalid: _i, ...p }) => (
              <Select {...p} value={d.devicePolicy.unknownRequired} onChange={(e) => setDev({ unknownRequired: e.target.value as "partial" | "incompatible" })}>
                <option value="partial">at most partial</option>
                <option value="incompatible">incompatible</option>
              </Select>
            )}
          </Field>
          <label className="flex items-center gap-2 self-end pb-2.5 text-sm">
            <input type="checkbox" className="size-4 accent-indigo-600" checked={d.devicePolicy.hideIncompatible} onChange={(e) => setDev({ hideIncompatible: e.target.checked })} />
            Hide incompatible targets
          </label>
          <div className="md:col-span-3">
            <p className="mb-1 text-sm font-medium text-slate-800">Columns shown beside each result (visitors can sort by them)</p>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {targetFields.map((f) => {
                const cols = d.devicePolicy.columns ?? [];
                return (
                  <label key={f} className="flex items-center gap-1.5 text-sm">
                    <input
                      type="checkbox"
                      className="size-4 accent-indigo-600"
                      checked={cols.includes(f)}
                      disabled={!cols.includes(f) && cols.length >= 8}
                      onChange={(e) => setDev({ columns: e.target.checked ? [...cols, f] : cols.filter((c) => c !== f) })}
                    />
                    <span className="font-mono text-xs">{f}</span>
                  </label>
                );
              })}
            </div>
          </div>
        </fieldset>

        <fieldset className="grid gap-4 md:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold text-slate-800">Headlines</legend>
          <p className="text-xs text-slate-500 md:col-span-3">
            Templates: <code>{"{compatible}"}</code>, <code>{"{partial}"}</code>, <code>{"{incompatible}"}</code> and <code>{"{total}"}</code> become the result&apos;s counts, e.g. “{"{compatible}"} of {"{total}"} models fit your app”. Text without them is shown under a headline computed from the counts.
          </p>
          <Field label="When compatible" error={err("messaging.headline2")}>{(p) => <TextInput {...p} value={d.messaging.headline2} onChange={(e) => setMsg({ headline2: e.target.value })} />}</Field>
          <Field label="When partial" error={err("messaging.headline1")}>{(p) => <TextInput {...p} value={d.messaging.headline1} onChange={(e) => setMsg({ headline1: e.target.value })} />}</Field>
          <Field label="When incompatible" error={err("messaging.headline0")}>{(p) => <TextInput {...p} value={d.messaging.headline0} onChange={(e) => setMsg({ headline0: e.target.value })} />}</Field>
        </fieldset>

        {update.error && Object.keys(errors).length === 0 ? <ErrorNote>{describeError(update.error)}</ErrorNote> : null}
        {update.error && Object.keys(errors).length > 0 ? <ErrorNote>{describeError(update.error)}</ErrorNote> : null}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={update.isPending}>{update.isPending ? "Saving…" : "Save settings"}</Button>
          {saved ? <span role="status" className="text-sm text-green-700">Saved to the draft.</span> : null}
        </div>
      </form>
    </Card>
  );
}
