"use client";

import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";

/**
 * Says, above a page shown as of a past revision, which revision it is, that it is read-only, and
 * where the current one is: the same view (selection, filters — the URL as it is now) without `revision`.
 */
export function AsOfNotice({ revision, liveRevision, publishedAt, pageHref }: { revision: number; liveRevision: number; publishedAt: string | null; pageHref: string }): ReactNode {
  const params = new URLSearchParams(useSearchParams().toString());
  params.delete("revision");
  const qs = params.toString();
  const currentHref = `${pageHref}${qs ? `?${qs}` : ""}`;
  const changesHref = `${pageHref}/changes`;
  return (
    <div role="note" aria-label="Past revision" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p>
        <strong>You are looking at revision {revision}</strong>
        {publishedAt && <>, published {publishedAt.slice(0, 10)}</>}. It is a past version, shown read-only with its own rules on today&apos;s data; the current page is revision {liveRevision}.
      </p>
      <p className="mt-1">
        <a className="font-medium underline" href={currentHref}>
          See the current version
        </a>
        {" · "}
        <a className="underline" href={changesHref}>
          What changed since
        </a>
      </p>
    </div>
  );
}
