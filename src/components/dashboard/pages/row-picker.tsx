"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { TextInput } from "~/components/ui/form-field";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";
import { useDebounced } from "../use-debounced";
import { sideRouter } from "~/trpc/side";

/**
 * Picks one row of a dataset by searching `{side}.datasets.rows` (key prefix or label), or
 * "any row" (null). A listbox of radio options under a search box: Tab into it, arrows to move.
 */
export function RowPicker({ side, datasetId, value, onChange, label }: { side: "source" | "target"; datasetId: number; value: string | null; onChange(key: string | null): void; label: string }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const id = useId();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const rows = useQuery(api.datasets.rows.queryOptions({ datasetId, limit: 8, ...(q ? { search: q } : {}) }));
  const options: { key: string | null; label: string }[] = [{ key: null, label: `Any ${side}` }, ...(rows.data?.items ?? []).map((r) => ({ key: r.key, label: r.label }))];
  if (value !== null && !options.some((o) => o.key === value)) options.splice(1, 0, { key: value, label: value });
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-sm font-medium text-slate-700">{label}</legend>
      <label htmlFor={`${id}-search`} className="sr-only">
        Search {side} rows
      </label>
      <TextInput id={`${id}-search`} type="search" className="h-9" placeholder={`Search ${side}s by key or label…`} value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="mt-1.5 max-h-52 overflow-y-auto rounded-md border border-slate-200 bg-white" role="radiogroup" aria-label={label}>
        {options.map((o) => (
          <label key={o.key ?? "*"} className={cn("flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm hover:bg-slate-50", value === o.key && "bg-indigo-50")}>
            <input type="radio" name={`${id}-row`} className="accent-indigo-600" checked={value === o.key} onChange={() => onChange(o.key)} />
            <span className={cn("truncate", o.key === null && "italic text-slate-600")}>{o.label}</span>
            {o.key !== null && o.key !== o.label ? <span className="ml-auto truncate font-mono text-xs text-slate-400">{o.key}</span> : null}
          </label>
        ))}
        {rows.isSuccess && rows.data.items.length === 0 ? <p className="px-3 py-2 text-xs text-slate-500">No {side} matches “{q}”.</p> : null}
      </div>
    </fieldset>
  );
}
