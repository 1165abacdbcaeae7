import { QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";
import superjson from "superjson";

/** One factory for server (per request) and browser (singleton) query clients. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Server-rendered data is fresh on arrival; don't refetch it immediately on the client.
      queries: { staleTime: 30_000, retry: (count, err) => count < 2 && !/NOT_FOUND|UNAUTHORIZED|FORBIDDEN|BAD_REQUEST/.test(String((err as { data?: { code?: string } }).data?.code)) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
