"use client";

import { useState } from "react";
import { Card } from "../page-parts";
import { FinderPreview } from "./finder-preview";
import { MatrixPreview } from "./matrix-preview";
import { PairInspector, type PairRef } from "./pair-inspector";

/**
 * The draft as visitors would get it (Finder or Matrix, evaluated with `draft: true`), with the
 * pair inspector under it. Every rule, override or policy save refreshes it.
 */
export function PreviewPanel({ pageId, pageSlug, template, sourceDatasetId, levels }: { pageId: number; pageSlug: string; template: "finder" | "matrix"; sourceDatasetId: number; levels: number }) {
  const [pair, setPair] = useState<PairRef | null>(null);
  return (
    <div className="space-y-4">
      <Card title="Draft preview" description={template === "finder" ? "Pick as a visitor would; click a target to inspect it." : "Click a cell to inspect the pair."}>
        {template === "finder" ? (
          <FinderPreview pageId={pageId} pageSlug={pageSlug} sourceDatasetId={sourceDatasetId} levels={levels} onInspect={setPair} />
        ) : (
          <MatrixPreview pageId={pageId} pageSlug={pageSlug} onInspect={setPair} />
        )}
      </Card>
      {pair ? <PairInspector pageId={pageId} pair={pair} onClose={() => setPair(null)} /> : null}
    </div>
  );
}
