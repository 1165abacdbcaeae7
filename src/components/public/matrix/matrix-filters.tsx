"use client";

import { useId } from "react";
import { Select } from "~/components/ui/select";
import type { FeatureInfo } from "../types";
import type { RowFilter } from "./columns";
import { FeatureSelect } from "../feature-select";

export interface FilterState extends RowFilter {
  group: string | null;
  /** Columns whose label, key or group contains this. */
  columnQuery: string;
}

const SEARCH = "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400";

/** Filters of the Matrix: row and column search, problem rows only, one group of columns, one feature. */
export function MatrixFilters({ value, onChange, groups, features }: { value: FilterState; onChange(v: FilterState): void; groups: string[]; features: FeatureInfo[] }) {
  const id = useId();
  return (
    <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <legend className="sr-only">Filter the matrix</legend>
      <div className="min-w-40">
        <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-slate-600">
          Search rows
        </label>
        <input id={`${id}-q`} type="search" value={value.q} onChange={(e) => onChange({ ...value, q: e.target.value })} className={SEARCH} placeholder="e.g. support" />
      </div>
      <div className="min-w-40">
        <label htmlFor={`${id}-cq`} className="mb-1 block text-xs font-medium text-slate-600">
          Search columns
        </label>
        <input id={`${id}-cq`} type="search" value={value.columnQuery} onChange={(e) => onChange({ ...value, columnQuery: e.target.value })} className={SEARCH} placeholder="e.g. gpt" />
      </div>
      <label className="flex h-10 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-800 shadow-xs select-none hover:border-slate-400">
        <input
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={value.problemsOnly}
          onChange={(e) => onChange({ ...value, problemsOnly: e.target.checked })}
        />
        Only rows with partial, incompatible or unknown cells
      </label>
      {groups.length > 1 && (
        <div className="min-w-40">
          <label htmlFor={`${id}-group`} className="mb-1 block text-xs font-medium text-slate-600">
            Group
          </label>
          <Select id={`${id}-group`} value={value.group ?? ""} onChange={(e) => onChange({ ...value, group: e.target.value || null })}>
            <option value="">All groups</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g || "Other"}
              </option>
            ))}
          </Select>
        </div>
      )}
      {features.length > 0 && (
        <div className="min-w-48">
          <label htmlFor={`${id}-feature`} className="mb-1 block text-xs font-medium text-slate-600">
            Feature not met
          </label>
          <FeatureSelect id={`${id}-feature`} value={value.feature} onChange={(feature) => onChange({ ...value, feature })} features={features} />
        </div>
      )}
    </fieldset>
  );
}
