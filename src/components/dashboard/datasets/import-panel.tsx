"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Select } from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { describeError, fieldErrors } from "../errors";
import { Icon } from "../icons";
import { Card, ErrorNote } from "../page-parts";
import type { Side } from "../schemas/schema-model";
import { suggestField } from "~/server/catalog/import/columns";
import { autoMapping, previewFile, uploadProblems, type FilePreview } from "./file-preview";
import { ImportProgress } from "./import-progress";
import { sideRouter } from "~/trpc/side";

export interface SchemaFields {
  fields: { name: string; type: string; required: boolean }[];
}

const PREVIEW_ROWS = 8;

/** Drop zone + file input: the whole zone is a label for the hidden input, so Enter/Space work. */
function DropZone({ onFile }: { onFile(f: File): void }) {
  const [over, setOver] = useState(false);
  return (
    <label
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f) onFile(f);
      }}
      className={cn(
        "flex cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-10 text-center focus-within:outline-2 focus-within:outline-indigo-600",
        over ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50 hover:border-slate-400",
      )}
    >
      <Icon name="upload" className="size-8 text-slate-400" />
      <span className="text-sm font-medium text-slate-800">Drop a CSV or JSON file here, or click to choose one</span>
      <span className="text-xs text-slate-500">Up to 50 MB. The first row of a CSV names the columns.</span>
      <input type="file" accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json" className="sr-only" data-testid="import-file" onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])} />
    </label>
  );
}

/**
 * Upload → preview → mapping → options → import. The preview reads only the file's first bytes;
 * the mapping starts as the server's own (by name) and every column can be re-pointed or ignored.
 * The file goes up as multipart FormData; progress is then polled from `imports.get`.
 */
export function ImportPanel({ side, datasetId, schema, onFinished }: { side: Side; datasetId: number; schema: SchemaFields; onFinished(): void }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [mode, setMode] = useState<"upsert" | "replace">("upsert");
  const [onError, setOnError] = useState<"abort" | "skip">("abort");
  const [importId, setImportId] = useState<number | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const start = useMutation(api.datasets.import.mutationOptions({ onSuccess: (r) => setImportId(r.importId) }));
  const fieldNames = schema.fields.map((f) => f.name);

  const choose = async (f: File) => {
    setFile(f);
    setImportId(null);
    start.reset();
    setPreviewError(null);
    try {
      const p = await previewFile(f);
      setPreview(p);
      setMapping(autoMapping(p.columns, schema.fields));
    } catch (e) {
      setPreview(null);
      setPreviewError(`Can't read this file: ${(e as Error).message}`);
    }
    setTimeout(() => formRef.current?.scrollIntoView({ block: "nearest" }), 0);
  };

  const submit = () => {
    if (!file) return;
    const fd = new FormData();
    fd.set("datasetId", String(datasetId));
    fd.set("file", file);
    fd.set("mode", mode);
    fd.set("onError", onError);
    // Only the columns the user re-pointed: the server maps the rest by name and warns about the
    // ones that match no field, and that warning is kept on the import.
    const auto = autoMapping(preview?.columns ?? [], schema.fields);
    const changed = Object.fromEntries(Object.entries(mapping).filter(([c, f]) => auto[c] !== f));
    if (Object.keys(changed).length > 0) fd.set("mapping", JSON.stringify(changed));
    start.mutate(fd);
  };

  const problems = preview ? uploadProblems(preview, mapping, schema.fields) : [];
  // Columns that match no field: in upsert mode their field keeps its values, so a typo must be visible.
  const unknown = preview
    ? preview.columns
        .filter((c) => mapping[c] == null && autoMapping([c], schema.fields)[c] == null)
        .slice(0, 20)
        .map((c) => ({ column: c, suggestion: suggestField(c, fieldNames) }))
    : [];
  const unmatchedFields = preview ? schema.fields.filter((f) => !Object.values(mapping).includes(f.name)).map((f) => f.name) : [];
  const errs = fieldErrors(start.error);
  const running = importId !== null;

  return (
    <Card
      title="Import data"
      description="Upsert adds new rows and updates changed ones: a field the file has no column for keeps its values, an empty cell clears it. Replace makes the dataset exactly the file, removing rows that are not in it."
    >
      {!file || running ? (
        running ? null : <DropZone onFile={choose} />
      ) : (
        <div ref={formRef} className="space-y-5">
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium">{file.name}</p>
              <p className="text-xs text-slate-500">
                {(file.size / 1024).toFixed(1)} KB · {preview ? `${preview.format.toUpperCase()}, ${preview.columns.length} columns, ${preview.truncated ? "at least " : ""}${preview.sampledRows.toLocaleString("en-US")} rows` : "reading…"}
              </p>
            </div>
            <Button size="sm" onClick={() => (setFile(null), setPreview(null))}>
              Choose another file
            </Button>
          </div>
          <ErrorNote>{previewError}</ErrorNote>
          {preview ? (
            <>
              <div>
                <h3 className="mb-2 text-sm font-medium text-slate-700">Preview and column mapping</h3>
                <div className="overflow-x-auto rounded-lg border border-slate-200">
                  <table className="w-full text-sm" data-testid="import-preview">
                    <thead className="bg-slate-50">
                      <tr>
                        {preview.columns.map((c) => (
                          <th key={c} className="min-w-44 px-3 py-2 text-left align-top font-medium">
                            <span className="block truncate font-mono text-xs text-slate-600">{c}</span>
                            <label className="sr-only" htmlFor={`map-${c}`}>
                              Field for column {c}
                            </label>
                            <Select
                              id={`map-${c}`}
                              className={cn("mt-1 h-8 text-xs", mapping[c] ? "border-indigo-300" : "text-slate-400")}
                              value={mapping[c] ?? ""}
                              onChange={(e) => setMapping({ ...mapping, [c]: e.target.value || null })}
                            >
                              <option value="">(ignore)</option>
                              {fieldNames.map((f) => (
                                <option key={f} value={f}>
                                  → {f}
                                </option>
                              ))}
                            </Select>
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {preview.rows.slice(0, PREVIEW_ROWS).map((r, i) => (
                        <tr key={i}>
                          {preview.columns.map((c, j) => (
                            <td key={c} className={cn("max-w-56 truncate px-3 py-1.5 font-mono text-xs", !mapping[c] && "text-slate-400")}>
                              {r[j] ?? ""}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {unknown.length > 0 ? (
                  <ul className="mt-2 space-y-1 text-sm text-amber-800" data-testid="import-unknown-columns">
                    {unknown.map(({ column, suggestion }) => (
                      <li key={column}>
                        ⚠ Column <code className="font-mono">{column}</code> matches no field and will be ignored
                        {suggestion ? (
                          <>
                            {" "}
                            — did you mean <code className="font-mono">{suggestion}</code>?{" "}
                            <button type="button" className="underline" onClick={() => setMapping({ ...mapping, [column]: suggestion })}>
                              Map it to {suggestion}
                            </button>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {mode === "upsert" && unmatchedFields.length > 0 ? (
                  <p className="mt-2 text-xs text-slate-500">
                    No column feeds {unmatchedFields.map((f) => `“${f}”`).join(", ")}: upsert keeps {unmatchedFields.length === 1 ? "its" : "their"} current values.
                  </p>
                ) : null}
                {problems.length > 0 ? (
                  <ul className="mt-2 space-y-1 text-sm text-amber-800">
                    {problems.map((p) => (
                      <li key={p}>⚠ {p}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <div className="grid gap-4 sm:grid-cols-2">
                <fieldset>
                  <legend className="text-sm font-medium text-slate-700">Mode</legend>
                  {(
                    [
                      ["upsert", "Upsert", "add new rows, update changed ones"],
                      ["replace", "Replace", "also remove rows missing from the file"],
                    ] as const
                  ).map(([v, label, hint]) => (
                    <label key={v} className="mt-2 flex items-start gap-2 text-sm">
                      <input type="radio" name="mode" className="mt-0.5 accent-indigo-600" checked={mode === v} onChange={() => setMode(v)} />
                      <span>
                        <span className="font-medium">{label}</span> <span className="text-slate-500">— {hint}</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
                <fieldset>
                  <legend className="text-sm font-medium text-slate-700">If a row is invalid</legend>
                  {(
                    [
                      ["abort", "Abort", "change nothing and report the errors"],
                      ["skip", "Skip", "import the valid rows, report the rest"],
                    ] as const
                  ).map(([v, label, hint]) => (
                    <label key={v} className="mt-2 flex items-start gap-2 text-sm">
                      <input type="radio" name="onError" className="mt-0.5 accent-indigo-600" checked={onError === v} onChange={() => setOnError(v)} />
                      <span>
                        <span className="font-medium">{label}</span> <span className="text-slate-500">— {hint}</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              </div>
              {start.error ? <ErrorNote>{errs.mapping ? `Mapping: ${errs.mapping}` : describeError(start.error)}</ErrorNote> : null}
              <Button variant="primary" onClick={submit} disabled={start.isPending || problems.length > 0}>
                {start.isPending ? "Uploading…" : `Import ${file.name}`}
              </Button>
            </>
          ) : null}
        </div>
      )}
      {running ? (
        <ImportProgress
          side={side}
          importId={importId}
          onFinished={onFinished}
          onDismiss={() => {
            setImportId(null);
            setFile(null);
            setPreview(null);
          }}
        />
      ) : null}
    </Card>
  );
}
