"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "./cn";
import { Chevron } from "./select";

export interface ComboboxOption {
  value: string;
  /** Shown instead of `value` when set. */
  label?: string;
  /** Secondary text on the right (e.g. a count). */
  hint?: string;
}

export interface ComboboxProps {
  id?: string;
  /** Accessible name; or pass `aria-labelledby` via `labelledBy`. */
  label?: string;
  labelledBy?: string;
  options: ComboboxOption[];
  value: string | null;
  onChange(value: string): void;
  placeholder?: string;
  disabled?: boolean;
  /** Rendered matches are capped so a 10,000-value level stays fast; typing narrows the rest. */
  maxVisible?: number;
}

const norm = (s: string) => s.toLocaleLowerCase().normalize("NFKD");

/**
 * An editable combobox with a listbox popup (WAI-ARIA 1.2 "combobox with list autocomplete"):
 * type to filter, ↑/↓ to move, Enter to pick, Esc to close (twice: clear the text), Home/End.
 * Focus stays in the input; the active option is announced through `aria-activedescendant`.
 */
export function Combobox({ id, label, labelledBy, options, value, onChange, placeholder, disabled, maxVisible = 200 }: ComboboxProps) {
  const autoId = useId();
  const inputId = id ?? `${autoId}-input`;
  const listId = `${autoId}-list`;
  const selected = options.find((o) => o.value === value) ?? null;
  const display = (o: ComboboxOption | null) => (o ? (o.label ?? o.value) : "");

  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null); // null = not typing; show the selection
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const matches = useMemo(() => {
    if (!query) return options;
    const q = norm(query.trim());
    const starts: ComboboxOption[] = [];
    const contains: ComboboxOption[] = [];
    for (const o of options) {
      const text = norm(display(o));
      if (text.startsWith(q)) starts.push(o);
      else if (text.includes(q)) contains.push(o);
    }
    return [...starts, ...contains];
  }, [options, query]);
  const visible = matches.slice(0, maxVisible);

  // Keep the active option in view while moving with the keyboard.
  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  function openList() {
    if (disabled) return;
    const i = selected ? visible.findIndex((o) => o.value === selected.value) : 0;
    setActive(Math.max(0, i));
    setOpen(true);
  }

  function pick(o: ComboboxOption | undefined) {
    if (!o) return;
    onChange(o.value);
    setQuery(null);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) openList();
        else setActive((a) => Math.min(a + 1, visible.length - 1));
        break;
      case "ArrowUp":
        e.preventDefault();
        if (!open) openList();
        else setActive((a) => Math.max(a - 1, 0));
        break;
      case "Home":
        if (open) (e.preventDefault(), setActive(0));
        break;
      case "End":
        if (open) (e.preventDefault(), setActive(visible.length - 1));
        break;
      case "Enter":
        if (open) {
          e.preventDefault();
          pick(visible[active]);
        }
        break;
      case "Escape":
        if (open) setOpen(false);
        else setQuery(null);
        break;
      case "Tab":
        setOpen(false);
        setQuery(null);
        break;
    }
  }

  const activeId = open && visible[active] ? `${listId}-${active}` : undefined;

  return (
    <div className="relative">
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        role="combobox"
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        placeholder={placeholder}
        value={query ?? display(selected)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onClick={() => (open ? setOpen(false) : openList())}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        className={cn(
          "h-10 w-full rounded-md border border-slate-300 bg-white pr-9 pl-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-500",
          "hover:border-slate-400 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-400",
        )}
      />
      <Chevron />
      <div hidden={!open} className="absolute z-30 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg">
        <ul ref={listRef} id={listId} role="listbox" aria-label={label} aria-labelledby={labelledBy} className="max-h-72 overflow-auto py-1">
          {visible.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              data-index={i}
              role="option"
              aria-selected={o.value === value}
              // mousedown, not click: it fires before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseMove={() => setActive(i)}
              className={cn(
                "flex cursor-pointer items-center justify-between gap-3 px-3 py-2",
                i === active && "bg-indigo-50 text-indigo-900",
                o.value === value && "font-semibold",
              )}
            >
              <span className="truncate">{display(o)}</span>
              {o.hint && <span className="shrink-0 text-xs text-slate-500">{o.hint}</span>}
            </li>
          ))}
        </ul>
        {visible.length === 0 && <p className="px-3 py-2 text-slate-500">No matches</p>}
        {matches.length > visible.length && (
          <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-500">
            {matches.length - visible.length} more — keep typing to narrow down
          </p>
        )}
      </div>
      <span className="sr-only" aria-live="polite">
        {open ? `${matches.length} ${matches.length === 1 ? "option" : "options"}` : ""}
      </span>
    </div>
  );
}
