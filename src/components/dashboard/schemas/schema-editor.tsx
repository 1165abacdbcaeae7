"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Field, TextArea, TextInput } from "~/components/ui/form-field";
import { Segmented } from "~/components/ui/segmented";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "../errors";
import { Card, ErrorNote } from "../page-parts";
import { DimensionsEditor } from "./dimensions-editor";
import { FieldRows } from "./field-rows";
import { blankSchema, fromSchemaJson, slugify, toSchemaJson, type DraftSchema, type Side } from "./schema-model";
import { sideRouter } from "~/trpc/side";

export interface ExistingDefinition {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  schema: unknown;
}

/** Conflicts the server names when a schema change would orphan rows. */
function conflictLines(err: unknown): string[] {
  const d = (err as { data?: { details?: { conflicts?: { field: string; change: string; rows: number; sampleKeys?: string[] }[] } } })?.data?.details;
  return (d?.conflicts ?? []).map((c) => `${c.field}: ${c.change} — ${c.rows} row(s)${c.sampleKeys?.length ? `, e.g. ${c.sampleKeys.slice(0, 3).join(", ")}` : ""}`);
}

/**
 * Create or edit a source/target definition. The form and the JSON view edit one model: typing
 * valid JSON updates the form, and form edits rewrite the JSON. Server errors land on the field
 * they name (`schema.fields.1.name` → that row's name cell).
 */
export function SchemaEditor({ side, existing }: { side: Side; existing?: ExistingDefinition }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const api = sideRouter(trpc, side);
  const [name, setName] = useState(existing?.name ?? "");
  const [slug, setSlug] = useState(existing?.slug ?? "");
  const [slugTouched, setSlugTouched] = useState(Boolean(existing));
  const [description, setDescription] = useState(existing?.description ?? "");
  const [schema, setSchemaState] = useState<DraftSchema>(() => (existing ? fromSchemaJson(existing.schema) : blankSchema()));
  const [view, setView] = useState<"form" | "json">("form");
  const [jsonText, setJsonText] = useState(() => JSON.stringify(toSchemaJson(schema, side), null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [saved, setSaved] = useState(false);

  const setSchema = (next: DraftSchema) => {
    setSchemaState(next);
    setJsonText(JSON.stringify(toSchemaJson(next, side), null, 2));
    setJsonError(null);
    setSaved(false);
  };
  const onJson = (text: string) => {
    setJsonText(text);
    setSaved(false);
    try {
      setSchemaState(fromSchemaJson(JSON.parse(text), schema));
      setJsonError(null);
    } catch (e) {
      setJsonError(e instanceof SyntaxError ? `Not valid JSON yet: ${e.message}` : (e as Error).message);
    }
  };

  const invalidate = () => Promise.all([qc.invalidateQueries({ queryKey: api.pathKey() }), qc.invalidateQueries({ queryKey: trpc.org.usage.queryKey() })]);
  const create = useMutation(api.definitions.create.mutationOptions({ onSuccess: async (d) => (await invalidate(), router.push(`/dashboard/schemas/${side}/${d.id}`)) }));
  const update = useMutation(api.definitions.update.mutationOptions({ onSuccess: async () => (await invalidate(), setSaved(true)) }));
  const remove = useMutation(api.definitions.delete.mutationOptions({ onSuccess: async () => (await invalidate(), router.push("/dashboard/schemas")) }));
  const save = existing ? update : create;
  const errors = { ...fieldErrors(save.error) };
  const schemaErrors = fieldErrors(save.error, "schema.");
  const conflicts = conflictLines(save.error);
  const fieldNames = [...new Set(schema.fields.map((f) => f.name).filter(Boolean))];

  const submit = () => {
    if (jsonError) return;
    const body = { name, slug, description: description || null, schema: toSchemaJson(schema, side) };
    if (existing) update.mutate({ id: existing.id, ...body });
    else create.mutate(body);
  };

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Card title="About" description={side === "source" ? "Sources are what visitors check (e.g. apps)." : "Targets are what sources are checked against (e.g. models)."}>
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Name" error={errors.name}>
            {(p) => (
              <TextInput
                {...p}
                required
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  if (!slugTouched) setSlug(slugify(e.target.value));
                }}
                placeholder={side === "source" ? "AI apps" : "LLM models"}
              />
            )}
          </Field>
          <Field label="Slug" error={errors.slug} hint="Lowercase letters, digits and dashes; used by scripts.">
            {(p) => <TextInput {...p} required className="font-mono" value={slug} onChange={(e) => (setSlug(e.target.value), setSlugTouched(true))} />}
          </Field>
          <Field label="Description (optional)" className="md:col-span-2" error={errors.description}>
            {(p) => <TextInput {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
        </div>
      </Card>

      <Card
        title="Schema"
        description="The fields every row has. Rules read them as source.<field> / target.<field>."
        actions={
          <Segmented<"form" | "json">
            label="Schema editor view"
            value={view}
            onChange={setView}
            options={[
              { value: "form", label: "Form" },
              { value: "json", label: "JSON" },
            ]}
          />
        }
      >
        {view === "form" ? (
          <div className="space-y-6">
            <FieldRows fields={schema.fields} errors={schemaErrors} keyField={schema.keyField} onChange={(fields) => setSchema({ ...schema, fields, dimensions: schema.dimensions.filter((d) => fields.some((f) => f.name === d)) })} />
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="Key field" error={schemaErrors.keyField} hint="Unique per row; imports upsert by it.">
                {({ invalid: _i, ...p }) => (
                  <Select {...p} value={schema.keyField} onChange={(e) => setSchema({ ...schema, keyField: e.target.value, fields: schema.fields.map((f) => (f.name === e.target.value ? { ...f, required: true } : f)) })}>
                    {!fieldNames.includes(schema.keyField) ? <option value={schema.keyField}>{schema.keyField || "—"} (missing)</option> : null}
                    {fieldNames.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label="Label field" error={schemaErrors.labelField} hint="Shown to visitors; the key when empty.">
                {({ invalid: _i, ...p }) => (
                  <Select {...p} value={schema.labelField} onChange={(e) => setSchema({ ...schema, labelField: e.target.value })}>
                    <option value="">(use the key)</option>
                    {fieldNames.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            {side === "source" ? (
              <div>
                <h3 className="text-sm font-medium text-slate-700">Finder levels (dimensions)</h3>
                <p className="mb-2 text-xs text-slate-500">Visitors pick one value per level, in this order.</p>
                <DimensionsEditor dimensions={schema.dimensions} fields={schema.fields} errors={schemaErrors} onChange={(dimensions) => setSchema({ ...schema, dimensions })} />
              </div>
            ) : null}
          </div>
        ) : (
          <Field label="Schema JSON" error={jsonError} hint="{ fields: [{ name, type, required, options? }], dimensions, keyField, labelField }">
            {(p) => <TextArea {...p} mono rows={20} spellCheck={false} value={jsonText} onChange={(e) => onJson(e.target.value)} />}
          </Field>
        )}
        {errors.schema && Object.keys(schemaErrors).length === 0 ? <ErrorNote className="mt-4">{errors.schema}</ErrorNote> : null}
        {conflicts.length > 0 ? (
          <ul className="mt-3 list-disc pl-5 text-sm text-red-800">
            {conflicts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
      </Card>

      {save.error && !errors.schema && !errors.name && !errors.slug ? <ErrorNote>{describeError(save.error)}</ErrorNote> : null}
      {save.error && Object.keys(schemaErrors).length > 0 ? (
        <ErrorNote>
          {Object.keys(schemaErrors).length === 1 ? "One problem in the schema" : `${Object.keys(schemaErrors).length} problems in the schema`} — see the highlighted fields above.
        </ErrorNote>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={save.isPending || Boolean(jsonError)}>
          {save.isPending ? "Saving…" : existing ? "Save changes" : `Create ${side} schema`}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-green-700">
            Saved. <Link className="underline" href={`/dashboard/datasets?side=${side}`}>Go to datasets →</Link>
          </span>
        ) : null}
        {existing ? (
          <Button className="ml-auto text-red-700" onClick={() => setConfirmDelete(true)}>
            Delete schema
          </Button>
        ) : null}
      </div>
      {existing ? (
        <ConfirmDialog
          open={confirmDelete}
          onClose={() => setConfirmDelete(false)}
          title={`Delete "${existing.name}"?`}
          description="The schema is removed. Schemas that still have datasets can't be deleted: delete those first."
          confirmLabel="Delete schema"
          destructive
          busy={remove.isPending}
          onConfirm={() => remove.mutate({ id: existing.id })}
        >
          {remove.error ? <ErrorNote>{describeError(remove.error)}</ErrorNote> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
