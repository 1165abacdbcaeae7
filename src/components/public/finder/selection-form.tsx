"use client";

import { Button } from "~/components/ui/button";
import type { Dimension, OptionItem } from "../types";
import { useLevelOptions } from "../use-public-data";
import { LevelField } from "./level-field";

interface FormProps {
  slug: string;
  dimensions: Dimension[];
  /** The last level, listing the entries (source rows) under the chosen dimensions. */
  entry: Dimension;
  path: string[];
  onChoose(level: number, value: string): void;
  onReset(): void;
}

/**
 * The cascade: one field per dimension level, then the entry (source row) itself; each level's
 * options load once the level above is chosen. Results may show before the entry is picked
 * (from `minDepth` on), aggregated over the entries that match.
 */
export function SelectionForm({ slug, dimensions, entry, path, onChoose, onReset }: FormProps) {
  const levels = [...dimensions, entry].map((d) => d.label);
  return (
    <form
      role="search"
      aria-label="Choose what to check"
      onSubmit={(e) => e.preventDefault()}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-6"
    >
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-900">Your setup</h2>
        {path.length > 0 && (
          <Button variant="ghost" size="sm" onClick={onReset}>
            Start over
          </Button>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {levels.map((label, level) => (
          <Level
            key={level}
            slug={slug}
            level={level}
            label={label}
            path={path}
            waitingFor={level > path.length ? (levels[path.length] ?? null) : null}
            onChoose={onChoose}
          />
        ))}
      </div>
    </form>
  );
}

function Level(props: { slug: string; level: number; label: string; path: string[]; waitingFor: string | null; onChoose(level: number, value: string): void }) {
  const { slug, level, label, path, waitingFor, onChoose } = props;
  const enabled = waitingFor === null;
  const q = useLevelOptions(slug, level, path.slice(0, level), enabled);
  const options: OptionItem[] | undefined = q.data?.values;
  return (
    <LevelField
      label={label}
      value={path[level] ?? null}
      options={options}
      loading={enabled && q.isPending}
      error={q.isError}
      waitingFor={waitingFor?.toLowerCase() ?? null}
      onChange={(v) => onChoose(level, v)}
    />
  );
}

