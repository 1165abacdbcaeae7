"use client";

import { useEffect, useState } from "react";
import type { PublicPageInfo } from "../types";
import { useFinderResult } from "../use-public-data";
import { ResultView } from "./result-view";
import { SelectionForm } from "./selection-form";
import { useSelection } from "./use-selection";

/**
 * The Finder template: cascading dropdowns → overall verdict and ranked targets. The selection
 * lives in the URL (`?path=…&path=…&page=n`), so links reproduce a view and back/forward work.
 */
export function Finder({ page }: { page: PublicPageInfo }) {
  const levels = page.dimensions.length;
  // One more than the dimensions: a path may end with the entry (source row) itself.
  const sel = useSelection(levels + 1);
  const deepEnough = sel.path.length >= page.minDepth;
  const result = useFinderResult(page.slug, sel.path, sel.page, deepEnough);
  const missing = page.dimensions.slice(sel.path.length, page.minDepth).map((d) => d.label);
  // Marks the moment the page became interactive (tests wait for it before using history).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  return (
    <div className="space-y-6" data-hydrated={hydrated || undefined}>
      <SelectionForm
        slug={page.slug}
        dimensions={page.dimensions}
        entry={page.entry}
        path={sel.path}
        onChoose={sel.choose}
        onReset={() => sel.clearFrom(0)}
      />
      <div aria-live="polite">
        {!deepEnough ? (
          <Hint missing={missing} started={sel.path.length > 0} />
        ) : result.isError ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-bad">
            {result.error.message || "The result could not be loaded."} Try again in a moment.
          </p>
        ) : result.data && !result.data.needsDeeperSelection ? (
          <ResultView
            result={result.data}
            page={page}
            view={sel.view}
            onView={sel.setView}
            onPage={sel.setPage}
            busy={result.isPlaceholderData || result.isFetching}
            selection={{ path: sel.path, page: sel.page }}
            firstScreenOnly={!hydrated}
          />
        ) : (
          <ResultSkeleton />
        )}
      </div>
    </div>
  );
}

function Hint({ missing, started }: { missing: string[]; started: boolean }) {
  const list = missing.length <= 1 ? (missing[0] ?? "") : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white/60 p-6 text-center">
      <p className="font-medium text-slate-800">{started ? "Almost there" : "Start with your setup"}</p>
      <p className="mt-1 text-sm text-slate-600">Choose {list.toLowerCase()} to see what is compatible.</p>
    </div>
  );
}

function ResultSkeleton() {
  return (
    <div aria-hidden="true" className="animate-pulse space-y-3">
      <div className="h-28 rounded-xl bg-slate-200/70" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-16 rounded-lg bg-slate-200/50" />
      ))}
    </div>
  );
}
