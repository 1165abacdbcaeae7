import Link from "next/link";
import type { PublicChanges } from "~/server/changes";
import { describeEntry, describePair } from "~/server/changes/describe";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The changelog list (server-rendered): one article per entry, its pairs, links to the "as of" view; `paged`: not the newest page. */
export function Changelog({ data, pageHref, paged = false }: { data: PublicChanges; pageHref: string; paged?: boolean }) {
  return (
    <div className="space-y-4" data-testid="changelog">
      <p className="text-sm">
        <Link href={pageHref} className="text-indigo-700 hover:underline">Back to the live page</Link>
        {" · "}
        <a href={`${pageHref}/changes.atom`} className="text-indigo-700 hover:underline">Atom feed</a>
      </p>
      {data.items.length === 0 ? <p className="text-slate-500">Nothing has changed yet.</p> : null}
      {data.items.map((e) => (
        <article key={e.id} id={`change-${e.id}`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="change-entry">
          <h2 className="font-medium text-slate-900">{describeEntry(e)}</h2>
          <p className="mt-1 text-xs text-slate-500">
            <time dateTime={e.createdAt.toISOString()}>{dateFormat.format(e.createdAt)} UTC</time>
            {" · "}
            <Link href={`${pageHref}?revision=${e.revision}`} className="text-indigo-700 hover:underline" data-testid="as-of-link">
              View revision {e.revision}
            </Link>
          </p>
          {e.note ? <p className="mt-2 text-sm text-slate-700">{e.note}</p> : null}
          {e.pairs.length > 0 ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {e.pairs.map((p) => (
                <li key={`${p.sourceKey}\u0000${p.targetKey}`}>{describePair(p)}</li>
              ))}
              {e.truncated ? <li className="text-slate-500">… and {e.changed - e.pairs.length} more</li> : null}
            </ul>
          ) : null}
        </article>
      ))}
      {data.nextCursor !== null || paged ? (
        <nav aria-label="Older and newer changes" className="flex justify-between text-sm">
          {paged ? <Link href={`${pageHref}/changes`} className="text-indigo-700 hover:underline">Newest changes</Link> : <span />}
          {data.nextCursor !== null ? (
            <Link href={`${pageHref}/changes?cursor=${data.nextCursor}`} className="text-indigo-700 hover:underline" data-testid="older-changes">
              Older changes
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
