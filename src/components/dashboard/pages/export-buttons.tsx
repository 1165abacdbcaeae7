"use client";

import { useState } from "react";
import { Button } from "~/components/ui/button";
import { downloadText, evaluationToCsv, exportFileName, matrixToCsv, matrixToJson, toJson, type MatrixExport } from "~/lib/export";
import { useTRPCClient } from "~/trpc/react";
import { describeError } from "../errors";
import { Icon } from "../icons";

type Props = { pageId: number; pageSlug: string } & ({ kind: "evaluation"; path: string[] } | { kind: "matrix" });

/**
 * CSV / JSON downloads of the draft's results: every page of a Finder evaluation, or every slice
 * of the Matrix — fetched on click, not kept in memory while the preview is open.
 */
export function ExportButtons(props: Props) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState<"csv" | "json" | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: "csv" | "json") => {
    setBusy(format);
    setError(null);
    try {
      if (props.kind === "evaluation") {
        let r = await client.pages.evaluate.query({ pageId: props.pageId, path: props.path, page: 1, draft: true });
        const targets = [...r.targets];
        while (r.page < r.totalPages) {
          r = await client.pages.evaluate.query({ pageId: props.pageId, path: props.path, page: r.page + 1, draft: true });
          targets.push(...r.targets);
        }
        const name = exportFileName(["evaluation", props.pageSlug, ...props.path], format);
        if (format === "csv") downloadText(name, evaluationToCsv(targets, r.features), "text/csv");
        else downloadText(name, toJson({ pageId: props.pageId, path: props.path, draft: true, verdict: r.verdict, headline: r.headline, counts: r.counts, features: r.features, targets }), "application/json");
      } else {
        let s = await client.pages.matrix.query({ pageId: props.pageId, rowOffset: 0, rowLimit: 200, draft: true });
        const data: MatrixExport = { page: { id: props.pageId, slug: props.pageSlug, name: props.pageSlug }, draft: true, features: s.features, groups: s.groups, rows: [...s.rows], targetLabels: Object.fromEntries(s.targets.map((t) => [t.key, t.label])) };
        while (s.nextRowOffset !== null) {
          s = await client.pages.matrix.query({ pageId: props.pageId, rowOffset: s.nextRowOffset, rowLimit: 200, draft: true });
          data.rows.push(...s.rows);
        }
        const name = exportFileName(["matrix", props.pageSlug], format);
        if (format === "csv") downloadText(name, matrixToCsv(data), "text/csv");
        else downloadText(name, matrixToJson(data), "application/json");
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="flex items-center gap-1.5">
      <Button size="sm" onClick={() => run("csv")} disabled={busy !== null}>
        <Icon name="download" className="size-4" /> {busy === "csv" ? "Exporting…" : "CSV"}
      </Button>
      <Button size="sm" onClick={() => run("json")} disabled={busy !== null}>
        <Icon name="download" className="size-4" /> {busy === "json" ? "Exporting…" : "JSON"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
