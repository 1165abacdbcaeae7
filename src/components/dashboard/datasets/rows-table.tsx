"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { TextInput } from "~/components/ui/form-field";
import { useTRPC } from "~/trpc/react";
import { describeError } from "../errors";
import { Card, ErrorNote } from "../page-parts";
import type { Side } from "../schemas/schema-model";
import { useDebounced } from "../use-debounced";
import { sideRouter } from "~/trpc/side";

const ROW_HEIGHT = 36;
const PAGE = 200;

const show = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "boolean" ? (v ? "true" : "false") : String(v));

/**
 * A dataset's rows: searchable (key prefix or label), fetched 200 at a time by cursor as you
 * scroll, and virtualised so 100,000 rows cost as much DOM as a screenful.
 */
export function RowsTable({ side, datasetId, schema, rowCount }: { side: Side; datasetId: number; schema: { fields: { name: string }[]; dimensions?: string[]; keyField: string; labelField?: string }; rowCount: number }) {
  const trpc = useTRPC();
  const api = sideRouter(trpc, side);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const rows = useInfiniteQuery(
    api.datasets.rows.infiniteQueryOptions(
      { datasetId, limit: PAGE, ...(q ? { search: q } : {}) },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = rows.data?.pages.flatMap((p) => p.items) ?? [];
  const dims = side === "source" ? (schema.dimensions ?? []) : [];
  const attrCols = schema.fields.map((f) => f.name).filter((n) => n !== schema.keyField && n !== schema.labelField && !dims.includes(n));
  const columns = [
    { id: "key", title: schema.keyField, get: (r: (typeof items)[number]) => r.key, mono: true },
    { id: "label", title: schema.labelField ?? "label", get: (r: (typeof items)[number]) => r.label, mono: false },
    ...dims.map((d) => ({ id: `d:${d}`, title: d, get: (r: (typeof items)[number]) => show(r.dims[d]), mono: false })),
    ...attrCols.map((a) => ({ id: `a:${a}`, title: a, get: (r: (typeof items)[number]) => show(r.attrs[a]), mono: true })),
  ];
  const template = columns.map((c, i) => (i < 2 ? "minmax(10rem, 1.5fr)" : "minmax(8rem, 1fr)")).join(" ");
  // Header and rows share one explicit width: `min-w-max` sized the header's fr tracks by its own
  // content and the rows by theirs, so headers drifted away from their values.
  const minWidth = `${columns.reduce((w, _, i) => w + (i < 2 ? 10 : 8), 0)}rem`;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const vItems = virtual.getVirtualItems();
  const lastIndex = vItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= items.length - 40 && rows.hasNextPage && !rows.isFetchingNextPage) void rows.fetchNextPage();
  }, [lastIndex, items.length, rows]);

  return (
    <Card
      title="Rows"
      description={`${rowCount.toLocaleString("en-US")} rows, sorted by label. Search matches the start of the key or any part of the label.`}
      bodyClassName="p-0"
      actions={
        <div className="w-64">
          <label htmlFor={`rows-search-${side}`} className="sr-only">
            Search rows
          </label>
          <TextInput id={`rows-search-${side}`} type="search" className="h-9" placeholder="Search rows…" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      }
    >
      {rows.error ? <ErrorNote className="m-5">{describeError(rows.error)}</ErrorNote> : null}
      <div ref={scrollRef} tabIndex={0} className="max-h-[28rem] min-h-40 overflow-auto" role="table" aria-label="Dataset rows" aria-rowcount={rowCount + 1} data-testid="rows-table">
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50" style={{ minWidth }}>
          <div role="row" className="grid text-left text-xs font-medium text-slate-500" style={{ gridTemplateColumns: template }}>
            {columns.map((c) => (
              <div role="columnheader" key={c.id} className="truncate px-3 py-2 font-mono">
                {c.title}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="relative" style={{ height: virtual.getTotalSize(), minWidth }}>
          {vItems.map((vi) => {
            const r = items[vi.index]!;
            return (
              <div
                role="row"
                aria-rowindex={vi.index + 2}
                key={vi.key}
                className="absolute inset-x-0 grid border-b border-slate-100 text-sm hover:bg-slate-50"
                style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
              >
                {columns.map((c) => (
                  <div role="cell" key={c.id} className={`truncate px-3 py-2 ${c.mono ? "font-mono text-xs leading-5" : ""}`} title={c.get(r)}>
                    {c.get(r)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {rows.isSuccess && items.length === 0 ? <p className="px-5 py-10 text-center text-sm text-slate-500">{q ? `No rows match “${q}”.` : "No rows yet — import a file above."}</p> : null}
      </div>
      <p className="border-t border-slate-100 px-5 py-2 text-xs text-slate-500" aria-live="polite">
        {rows.isFetching ? "Loading…" : `Showing ${items.length.toLocaleString("en-US")}${rows.hasNextPage ? "+" : ""} ${q ? "matching " : ""}rows`}
      </p>
    </Card>
  );
}
