import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

/**
 * The typed client scripts use: `createApiClient({ url: "https://app.example", apiKey })`.
 * Every call carries `Authorization: Bearer <key>`; the key decides the organization.
 */
export function createApiClient(opts: { url: string; apiKey?: string; fetch?: typeof fetch }) {
  const endpoint = `${opts.url.replace(/\/+$/, "")}/api/trpc`;
  const headers = () => (opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "mutation",
        // Mutations (imports can be large) go one per request; queries are batched.
        true: httpLink({ url: endpoint, headers, transformer: superjson, fetch: opts.fetch }),
        false: httpBatchLink({ url: endpoint, headers, transformer: superjson, fetch: opts.fetch, maxURLLength: 4000 }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
