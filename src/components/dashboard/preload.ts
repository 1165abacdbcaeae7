import "server-only";

import { getQueryClient } from "~/trpc/server";

type Options = { queryKey: readonly unknown[] };

/**
 * Awaited prefetch for the dashboard's first paint. `prefetch()` from ~/trpc/server streams
 * pending queries, which client components using `useQuery` would render as a skeleton on the
 * server and as data on the client (a hydration mismatch). Awaiting keeps both renders equal.
 * A failing query is left for the client to show as an error.
 */
export async function preload(...options: Options[]): Promise<void> {
  const qc = getQueryClient();
  await Promise.all(
    options.map((o) => {
      const key = o.queryKey as [unknown, { type?: string }?];
      return key[1]?.type === "infinite" ? qc.prefetchInfiniteQuery(o as never) : qc.prefetchQuery(o as never);
    }),
  );
}
