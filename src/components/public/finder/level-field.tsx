"use client";

import { useId } from "react";
import { Combobox } from "~/components/ui/combobox";
import { Select } from "~/components/ui/select";
import type { OptionItem } from "../types";
import { optionText } from "./option-text";

/** Above this many values a level gets type-to-filter; below it a native select is friendlier. */
export const SEARCHABLE_THRESHOLD = 12;

export interface LevelFieldProps {
  label: string;
  value: string | null;
  options: OptionItem[] | undefined;
  loading: boolean;
  error: boolean;
  /** Why the field is disabled (the level above is not chosen yet). */
  waitingFor: string | null;
  onChange(value: string): void;
}

/** One cascade level: a labelled select or searchable combobox, with its loading/empty states. */
export function LevelField({ label, value, options, loading, error, waitingFor, onChange }: LevelFieldProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const disabled = waitingFor !== null || loading || error || !options?.length;
  const placeholder = waitingFor ? `Choose ${waitingFor} first` : loading ? "Loading…" : error ? "Could not load" : options?.length ? `Choose ${label.toLowerCase()}` : "No options";
  const items = options ?? [];
  // Counts help on dimension levels; on the entry level (one row each, labelled) they are noise.
  const hint = (o: OptionItem) => (optionText(o) !== o.value || o.count <= 1 ? undefined : `${o.count} entries`);

  return (
    <div>
      <label id={labelId} htmlFor={`${id}-control`} className="mb-1.5 block text-sm font-medium text-slate-800">
        {label}
      </label>
      {items.length > SEARCHABLE_THRESHOLD ? (
        <Combobox
          id={`${id}-control`}
          labelledBy={labelId}
          options={items.map((o) => ({ value: o.value, label: optionText(o), hint: hint(o) }))}
          value={value}
          onChange={onChange}
          placeholder={disabled ? placeholder : `Search ${items.length} ${label.toLowerCase()} values…`}
          disabled={disabled}
        />
      ) : (
        <Select id={`${id}-control`} value={value ?? ""} disabled={disabled} onChange={(e) => e.target.value && onChange(e.target.value)} aria-describedby={error ? hintId : undefined}>
          <option value="" disabled>
            {placeholder}
          </option>
          {/* A value from the URL that is no longer offered still shows, so the field is honest. */}
          {value !== null && !items.some((o) => o.value === value) && !loading && <option value={value}>{value} (unavailable)</option>}
          {items.map((o) => (
            <option key={o.value} value={o.value}>
              {optionText(o)}
            </option>
          ))}
        </Select>
      )}
      {error && (
        <p id={hintId} className="mt-1 text-xs text-bad">
          Options could not be loaded. Try again in a moment.
        </p>
      )}
    </div>
  );
}
