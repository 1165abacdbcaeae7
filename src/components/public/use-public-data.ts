"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { compactFinderResult, expandCompactResult } from "~/lib/compact-result";
import { convexUrl, readFinderResult, readMatrixSlice, readOptions } from "~/lib/convex-read";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { convexOrTRPC, convexTenant, withConvexFallback } from "./convex-first";
import { asOfInput, useAsOf, usePublicTenant } from "./public-context";
import type { FinderResult, FinderSummary, LevelOptions, MatrixSlice } from "./types";

/*
 * Every read keeps the tRPC query key, so data the server prefetched hydrates these hooks. With
 * `NEXT_PUBLIC_CONVEX_URL` set, the query function asks Convex first and tRPC on a miss
 * (./convex-first.ts).
 */

/** What every public read needs: the tRPC options and client, the revision shown, and whether Convex may answer. */
function usePublicRead() {
  const { orgSlug } = usePublicTenant();
  const asOf = useAsOf();
  return { trpc: useTRPC(), client: useTRPCClient(), asOf, viaConvex: convexTenant(convexUrl, orgSlug, asOf) };
}

/** Options of `level` under `pathAbove`; disabled until the level above is chosen. */
export function useLevelOptions(slug: string, level: number, pathAbove: string[], enabled: boolean) {
  const { trpc, client, asOf, viaConvex } = usePublicRead();
  const input = { slug, level, path: pathAbove, ...asOfInput(asOf) };
  return useQuery(
    withConvexFallback(
      trpc.public.options.queryOptions(input, { enabled, staleTime: 5 * 60_000 }),
      viaConvex,
      async (orgSlug): Promise<LevelOptions | null> => {
        const values = await readOptions({ orgSlug, slug }, level, pathAbove);
        // Convex keeps the values alone; the form reads nothing else, so the rest is the common case.
        return values ? { level, dimension: { name: "", label: "" }, values, entry: false, truncated: false } : null;
      },
      () => client.public.options.query(input),
    ),
  );
}

/** Expanded once per fetched summary (TanStack Query memoises `select` by data and function). */
const expandSummary = (s: FinderSummary) => expandCompactResult<FinderResult>(s);

/**
 * The list of a Finder result in its first-screen form (`public.summary`: statuses, no words),
 * expanded to the result's shape with `compact: true`; {@link useFinderDetails} brings the words.
 */
export function useFinderResult(slug: string, path: string[], page: number, enabled: boolean) {
  const { trpc, client, asOf, viaConvex } = usePublicRead();
  const input = { slug, path, page, ...asOfInput(asOf) };
  return useQuery(
    withConvexFallback(
      // Keep showing the previous page while the next loads: no layout jump on paging.
      trpc.public.summary.queryOptions(input, { enabled, placeholderData: keepPreviousData, select: expandSummary }),
      viaConvex,
      async (orgSlug) => {
        const full = await readFinderResult<FinderResult>({ orgSlug, slug }, path, page);
        return full ? compactFinderResult(full) : null;
      },
      () => client.public.summary.query(input),
    ),
  );
}

/** The full result of a selection (every feature's words), asked for when a breakdown opens. */
export function useFinderDetails(slug: string, path: string[], page: number, enabled: boolean) {
  const { trpc, client, asOf, viaConvex } = usePublicRead();
  const input = { slug, path, page, ...asOfInput(asOf) };
  return useQuery(
    withConvexFallback(
      trpc.public.result.queryOptions(input, { enabled, staleTime: 5 * 60_000 }),
      viaConvex,
      (orgSlug) => readFinderResult({ orgSlug, slug }, path, page),
      () => client.public.result.query(input),
    ),
  );
}

export function useMatrixSliceFetcher(slug: string) {
  const { client, asOf, viaConvex } = usePublicRead();
  return (rowOffset: number, rowLimit: number): Promise<MatrixSlice> =>
    convexOrTRPC(
      viaConvex,
      (orgSlug) => readMatrixSlice<MatrixSlice>({ orgSlug, slug }, rowOffset, rowLimit),
      () => client.public.matrix.query({ slug, rowOffset, rowLimit, ...asOfInput(asOf) }),
    );
}
