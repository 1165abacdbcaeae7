"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { compactFinderResult, expandCompactResult } from "~/lib/compact-result";
import { convexUrl, readFinderResult, readMatrixSlice, readOptions } from "~/lib/convex-read";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { asOfInput, useAsOf, usePublicTenant } from "./public-context";
import type { FinderResult, FinderSummary, MatrixSlice } from "./types";

/*
 * Every read keeps the tRPC query key, so data the server prefetched hydrates these hooks. With
 * `NEXT_PUBLIC_CONVEX_URL` set, the query function asks Convex first and tRPC on a miss.
 */

/** Options of `level` under `pathAbove`; disabled until the level above is chosen. */
export function useLevelOptions(slug: string, level: number, pathAbove: string[], enabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { orgSlug } = usePublicTenant();
  const asOf = useAsOf();
  const input = { slug, level, path: pathAbove, ...asOfInput(asOf) };
  const base = trpc.public.options.queryOptions(input, { enabled, staleTime: 5 * 60_000 });
  // Convex holds the live revision only.
  const viaConvex = convexUrl && orgSlug && asOf === undefined ? orgSlug : null;
  return useQuery(
    viaConvex
      ? ({
          ...base,
          queryFn: async () => {
            const values = await readOptions({ orgSlug: viaConvex, slug }, level, pathAbove);
            return values ? { level, dimension: { name: "", label: "" }, values } : client.public.options.query(input);
          },
        } as typeof base)
      : base,
  );
}

/** Expanded once per fetched summary (TanStack Query memoises `select` by data and function). */
const expandSummary = (s: FinderSummary) => expandCompactResult(s as Parameters<typeof expandCompactResult<FinderResult>>[0]);

/**
 * The list of a Finder result in its first-screen form (`public.summary`: statuses, no words),
 * expanded to the result's shape with `compact: true`; {@link useFinderDetails} brings the words.
 */
export function useFinderResult(slug: string, path: string[], page: number, enabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { orgSlug } = usePublicTenant();
  const asOf = useAsOf();
  const input = { slug, path, page, ...asOfInput(asOf) };
  // Keep showing the previous page while the next loads: no layout jump on paging.
  const base = trpc.public.summary.queryOptions(input, { enabled, placeholderData: keepPreviousData, select: expandSummary });
  const viaConvex = convexUrl && orgSlug && asOf === undefined ? orgSlug : null;
  return useQuery(
    viaConvex
      ? ({
          ...base,
          queryFn: async () => {
            const full = await readFinderResult<FinderResult>({ orgSlug: viaConvex, slug }, path, page);
            return full ? compactFinderResult(full) : client.public.summary.query(input);
          },
        } as typeof base)
      : base,
  );
}

/** The full result of a selection (every feature's words), asked for when a breakdown opens. */
export function useFinderDetails(slug: string, path: string[], page: number, enabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { orgSlug } = usePublicTenant();
  const asOf = useAsOf();
  const input = { slug, path, page, ...asOfInput(asOf) };
  const base = trpc.public.result.queryOptions(input, { enabled, staleTime: 5 * 60_000 });
  const viaConvex = convexUrl && orgSlug && asOf === undefined ? orgSlug : null;
  return useQuery(
    viaConvex
      ? ({ ...base, queryFn: async () => (await readFinderResult({ orgSlug: viaConvex, slug }, path, page)) ?? client.public.result.query(input) } as typeof base)
      : base,
  );
}

export function useMatrixSliceFetcher(slug: string) {
  const client = useTRPCClient();
  const { orgSlug } = usePublicTenant();
  const asOf = useAsOf();
  return async (rowOffset: number, rowLimit: number): Promise<MatrixSlice> => {
    const input = { slug, rowOffset, rowLimit, ...asOfInput(asOf) };
    if (convexUrl && orgSlug && asOf === undefined) {
      const hit = await readMatrixSlice<MatrixSlice>({ orgSlug, slug }, rowOffset, rowLimit);
      if (hit) return hit;
    }
    return client.public.matrix.query(input);
  };
}
