"use client";

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";
import { makeQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * tRPC + TanStack Query for client components. `apiBase` is `/api/trpc` on the admin host and
 * on tenant subdomains, and `/p/{orgSlug}/api/trpc` on path-form public pages, so the tenant is
 * always carried by the URL and never by the request body.
 */
export function TRPCReactProvider({ children, apiBase = "/api/trpc" }: { children: React.ReactNode; apiBase?: string }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // File uploads go as multipart FormData, which the batch link cannot carry.
          condition: (op) => isNonJsonSerializable(op.input),
          true: httpLink({ url: apiBase, transformer: { serialize: (d) => d, deserialize: superjson.deserialize } }),
          false: httpBatchLink({ url: apiBase, transformer: superjson, maxURLLength: 4000 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
