"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Button } from "~/components/ui/button";
import { Field, TextArea, TextInput } from "~/components/ui/form-field";
import { Segmented } from "~/components/ui/segmented";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { MAX_RULE_SENTENCE } from "~/server/engine/sentences";
import { describeError, fieldErrors } from "../errors";
import { ErrorNote } from "../page-parts";
import { useDebounced } from "../use-debounced";
import { defaultShape, RuleBuilder, type PageFields } from "./rule-builder";
import { shapeOf, shapeToLogic, type RuleShape } from "./rule-shapes";

/** A rule as `rules.list` returns it. */
export type RuleRow = inferRouterOutputs<AppRouter>["rules"]["list"][number];

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };
function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${(e as Error).message}` };
  }
}

/**
 * Create or edit a rule: name, description, required / weight / category, and the logic — from the builder or
 * as raw JSONLogic. Either way the logic is checked live (debounced) by `rules.validate`, whose
 * messages name the node they are about (`$.or[1]["=="][0]`).
 */
export function RuleForm({ pageId, fields, existing, onDone }: { pageId: number; fields: PageFields; existing?: RuleRow; onDone(): void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const initialShape = existing ? shapeOf(existing.logic) : null;
  const [mode, setMode] = useState<"builder" | "json">(existing && !initialShape ? "json" : "builder");
  const [shape, setShape] = useState<RuleShape>(initialShape ?? defaultShape("needs", fields));
  const [jsonText, setJsonText] = useState(() => JSON.stringify(existing?.logic ?? shapeToLogic(shape), null, 2));
  const [name, setName] = useState(existing?.name ?? "");
  const [required, setRequired] = useState(existing?.required ?? false);
  const [weight, setWeight] = useState(String(existing?.weight ?? 1));
  const [category, setCategory] = useState(existing?.category ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [failSentence, setFailSentence] = useState(existing?.sentences?.fail ?? "");
  const [unknownSentence, setUnknownSentence] = useState(existing?.sentences?.unknown ?? "");
  const [switchNote, setSwitchNote] = useState<string | null>(null);

  const parsed: Parsed = mode === "builder" ? { ok: true, value: shapeToLogic(shape) } : parseJson(jsonText);
  const logicKey = parsed.ok ? JSON.stringify(parsed.value) : null;
  const debouncedKey = useDebounced(logicKey, 350);
  const logic = useMemo(() => (debouncedKey === null ? null : (JSON.parse(debouncedKey) as unknown)), [debouncedKey]);
  const validation = useQuery({ ...trpc.rules.validate.queryOptions({ pageId, logic }), enabled: logic !== null, retry: false, staleTime: 60_000 });
  const checking = logicKey !== debouncedKey || validation.isFetching;

  const done = async () => {
    await qc.invalidateQueries({ queryKey: trpc.rules.list.queryKey({ pageId }) });
    await qc.invalidateQueries({ queryKey: trpc.pages.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.org.usage.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.rules.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.rules.update.mutationOptions({ onSuccess: done }));
  const save = existing ? update : create;
  const errs = fieldErrors(save.error);

  const switchMode = (next: "builder" | "json") => {
    setSwitchNote(null);
    if (next === "json") setJsonText(JSON.stringify(shapeToLogic(shape), null, 2));
    else if (parsed.ok) {
      const s = shapeOf(parsed.value);
      if (s) setShape(s);
      else setSwitchNote("This logic doesn't match a builder shape; the builder starts fresh and saving from it replaces the JSON.");
    }
    setMode(next);
  };

  const submit = () => {
    if (!parsed.ok) return;
    const body = { name, description: description.trim() || null, required, weight: Number(weight), category: category.trim() || null, logic: parsed.value, sentences: { fail: failSentence.trim() || null, unknown: unknownSentence.trim() || null } };
    if (existing) update.mutate({ id: existing.id, ...body });
    else create.mutate({ pageId, ...body });
  };

  const v = validation.data;
  return (
    <form
      className="space-y-4 rounded-xl border border-indigo-200 bg-indigo-50/40 p-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label={existing ? `Edit rule ${existing.name}` : "New rule"}
    >
      <div className="grid gap-3 md:grid-cols-[2fr_1fr_1fr]">
        <Field label="Rule name" error={errs.name}>
          {(p) => <TextInput {...p} required value={name} onChange={(e) => setName(e.target.value)} placeholder="Streaming" />}
        </Field>
        <Field label="Category" error={errs.category}>
          {(p) => <TextInput {...p} value={category} onChange={(e) => setCategory(e.target.value)} placeholder="Features" />}
        </Field>
        <Field label="Weight" error={errs.weight} hint={required ? "Required rules decide the verdict." : "Share of the score."}>
          {(p) => <TextInput {...p} type="number" min={0.001} step="any" value={weight} onChange={(e) => setWeight(e.target.value)} />}
        </Field>
      </div>
      <Field label="Description" error={errs.description} hint="Optional: what the rule checks, in words (for your team).">
        {(p) => <TextInput {...p} value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Apps that stream need a model that streams" />}
      </Field>
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Sentence when not met" error={errs["sentences.fail"]} hint={`Optional, for visitors; {source} and {target} stand for the two names. ${failSentence.trim().length}/${MAX_RULE_SENTENCE}`}>
          {(p) => <TextInput {...p} value={failSentence} onChange={(e) => setFailSentence(e.target.value)} placeholder="{target} doesn't support streaming, which {source} needs" data-testid="rule-sentence-fail" />}
        </Field>
        <Field label="Sentence when data is missing" error={errs["sentences.unknown"]} hint={`Optional; without one a sentence is generated from the rule. ${unknownSentence.trim().length}/${MAX_RULE_SENTENCE}`}>
          {(p) => <TextInput {...p} value={unknownSentence} onChange={(e) => setUnknownSentence(e.target.value)} placeholder="Not known whether {target} streams" data-testid="rule-sentence-unknown" />}
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        <span>
          <span className="font-medium">Required</span> <span className="text-slate-500">— a failing required rule makes the pair incompatible</span>
        </span>
      </label>
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-700">Logic</span>
        <Segmented<"builder" | "json">
          label="Rule editor"
          value={mode}
          onChange={switchMode}
          options={[
            { value: "builder", label: "Builder" },
            { value: "json", label: "JSONLogic" },
          ]}
        />
      </div>
      {switchNote ? <p className="text-xs text-amber-800">{switchNote}</p> : null}
      {mode === "builder" ? (
        <>
          <RuleBuilder shape={shape} onChange={setShape} fields={fields} />
          <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100" aria-label="Generated JSONLogic">
            {JSON.stringify(shapeToLogic(shape))}
          </pre>
        </>
      ) : (
        <Field label="JSONLogic" error={parsed.ok ? (errs.logic ?? null) : parsed.message} hint='Read fields with {"var": "source.<field>"} and {"var": "target.<field>"}.'>
          {(p) => <TextArea {...p} mono rows={8} spellCheck={false} value={jsonText} onChange={(e) => setJsonText(e.target.value)} data-testid="rule-json" />}
        </Field>
      )}
      <div aria-live="polite" className="text-sm" data-testid="rule-validation">
        {!parsed.ok ? null : checking ? (
          <span className="text-slate-500">Checking…</span>
        ) : validation.error ? (
          <span className="text-red-700">{describeError(validation.error)}</span>
        ) : v?.ok ? (
          <span className="text-green-700">✓ Valid — reads {v.vars.join(", ") || "no fields"}</span>
        ) : v ? (
          <ul className="space-y-1 text-red-800">
            {v.errors.map((e, i) => (
              <li key={i}>
                <code className="mr-1.5 rounded bg-red-100 px-1 py-0.5 font-mono text-xs">{e.path}</code>
                {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {save.error && !errs.name && !errs.weight && !errs["sentences.fail"] && !errs["sentences.unknown"] ? <ErrorNote>{describeError(save.error)}</ErrorNote> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={save.isPending || !parsed.ok || v?.ok === false}>
          {save.isPending ? "Saving…" : existing ? "Save rule" : "Add rule"}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
