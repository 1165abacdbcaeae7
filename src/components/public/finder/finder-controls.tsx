"use client";

import { useEffect, useState } from "react";
import { Select } from "~/components/ui/select";
import { FeatureSelect } from "../feature-select";
import type { FeatureInfo } from "../types";
import type { FinderView, Show } from "~/lib/finder-view";

export interface ColumnInfo {
  name: string;
  label: string;
  unit: string | null;
  type: string;
}

/**
 * The visitor's controls over a result: search by name, show (all / hide incompatible /
 * compatible only), group, a feature that must be met, and the sort. Every control writes the URL.
 */
export function FinderControls({
  view,
  onView,
  groups,
  groupLabel,
  features,
  columns,
}: {
  view: FinderView;
  onView(patch: Partial<FinderView>, replace?: boolean): void;
  groups: string[];
  groupLabel: string | null;
  features: FeatureInfo[];
  columns: ColumnInfo[];
}) {
  // The search box keeps its own text while typing; the URL follows (replaceState, no history spam).
  const [q, setQ] = useState(view.q);
  useEffect(() => setQ(view.q), [view.q]);
  const label = "mb-1 block text-xs font-medium text-slate-600";
  return (
    <div role="search" aria-label="Narrow the results" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-5">
      <div className="sm:col-span-2 lg:col-span-1">
        <label htmlFor="finder-q" className={label}>
          Search by name
        </label>
        <input
          id="finder-q"
          type="search"
          value={q}
          placeholder="e.g. mini"
          onChange={(e) => {
            setQ(e.target.value);
            onView({ q: e.target.value }, true);
          }}
          className="h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400"
        />
      </div>
      <div>
        <label htmlFor="finder-show" className={label}>
          Show
        </label>
        <Select id="finder-show" value={view.show} onChange={(e) => onView({ show: e.target.value as Show })}>
          <option value="all">All results</option>
          <option value="fit">Hide incompatible</option>
          <option value="compatible">Fully compatible only</option>
        </Select>
      </div>
      {groups.length > 1 && (
        <div>
          <label htmlFor="finder-group" className={label}>
            {groupLabel ?? "Group"}
          </label>
          <Select id="finder-group" value={view.group ?? ""} onChange={(e) => onView({ group: e.target.value || null })}>
            <option value="">Any</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </Select>
        </div>
      )}
      {features.length > 0 && (
        <div>
          <label htmlFor="finder-feature" className={label}>
            Must meet
          </label>
          <FeatureSelect id="finder-feature" value={view.feature} onChange={(feature) => onView({ feature })} features={features} />
        </div>
      )}
      <div>
        <label htmlFor="finder-sort" className={label}>
          Sort by
        </label>
        <Select id="finder-sort" value={view.sort} onChange={(e) => onView({ sort: e.target.value })}>
          <option value="best">Best match</option>
          <option value="name">Name (A–Z)</option>
          {columns.flatMap((c) =>
            c.type === "number"
              ? [
                  <option key={`${c.name}-asc`} value={`${c.name}-asc`}>
                    {c.label}: low to high
                  </option>,
                  <option key={`${c.name}-desc`} value={`${c.name}-desc`}>
                    {c.label}: high to low
                  </option>,
                ]
              : [
                  <option key={`${c.name}-asc`} value={`${c.name}-asc`}>
                    {c.label} (A–Z)
                  </option>,
                ],
          )}
        </Select>
      </div>
    </div>
  );
}
