/**
 * The Convex-first read path of public pages (docs/public-pages.md, docs/convex.md). Used only when
 * `NEXT_PUBLIC_CONVEX_URL` is set; every function answers `null` on a miss (not synced yet,
 * outdated, Convex unreachable, no WebCrypto) and the caller then asks tRPC, which answers from
 * PlanetScale and enqueues the sync. What is read where is listed in docs/public-pages.md.
 *
 * Convex knows a tenant by its org slug; the cache keys of results are computed from the same
 * texts the server hashes (src/lib/result-key.ts), with WebCrypto instead of node:crypto.
 */
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { finderSelectionText, matrixPageOf, matrixSelectionText, optionParentText, resultKeyText } from "./result-key";

export const convexUrl: string | undefined = process.env.NEXT_PUBLIC_CONVEX_URL || undefined;

interface Display {
  orgSlug: string;
  pageId: string;
  revisionId: number;
  slug: string;
  name: string;
  template: "finder" | "matrix";
  dimensions: { name: string; label: string }[];
  messaging: { headline2: string; headline1: string; headline0: string };
  sourceVersion: number;
  targetVersion: number;
  minDepth: number;
}

type PageRef = { orgSlug: string; slug: string };

const getBySlug = makeFunctionReference<"query", PageRef, Display | null>("pages:getBySlug");
const getOptions = makeFunctionReference<"query", PageRef & { level: number; parentHash: string }, { values: { value: string; count: number; label?: string }[] } | null>("pages:getOptions");
const getResult = makeFunctionReference<"query", PageRef & { cacheKey: string }, { payloadJson: string } | null>("pages:getResult");
const getMatrixData = makeFunctionReference<"query", PageRef & { cacheKey: string }, { payloadJson: string } | null>("pages:getMatrixData");

let client: ConvexHttpClient | null = null;
function convex(): ConvexHttpClient | null {
  if (!convexUrl) return null;
  client ??= new ConvexHttpClient(convexUrl);
  return client;
}

async function sha256Hex(text: string): Promise<string | null> {
  // WebCrypto exists only in secure contexts (https, localhost); elsewhere tRPC serves.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Runs a Convex read; any failure is a miss, so a Convex outage only costs a round trip. */
async function attempt<T>(read: (c: ConvexHttpClient) => Promise<T | null>): Promise<T | null> {
  const c = convex();
  if (!c) return null;
  try {
    return await read(c);
  } catch {
    return null;
  }
}

/** Options of `level` under `pathAbove`, or null on a miss. */
export function readOptions(ref: PageRef, level: number, pathAbove: string[]) {
  return attempt(async (c) => {
    const parentHash = await optionParentHash(pathAbove);
    if (!parentHash) return null;
    const res = await c.query(getOptions, { ...ref, level, parentHash });
    return res?.values ?? null;
  });
}

/** The hash an option set is stored under in Convex, as the server names it (null without WebCrypto). */
export function optionParentHash(pathAbove: readonly string[]): Promise<string | null> {
  return sha256Hex(optionParentText(pathAbove));
}

type KeyParts = Pick<Display, "pageId" | "revisionId" | "sourceVersion" | "targetVersion">;

/** The cache key of a Finder result page, as the server names it (null without WebCrypto). */
export async function finderCacheKey(d: KeyParts, path: readonly string[], page: number): Promise<string | null> {
  return cacheKeyOf(d, "finder", finderSelectionText(path), page);
}

/** The cache key of a Matrix slice, as the server names it (null without WebCrypto). */
export async function matrixCacheKey(d: KeyParts, rowOffset: number, rowLimit: number): Promise<string | null> {
  return cacheKeyOf(d, "matrix", matrixSelectionText(rowOffset, rowLimit), matrixPageOf(rowOffset, rowLimit));
}

async function cacheKeyOf(d: KeyParts, kind: "finder" | "matrix", selectionText: string, page: number): Promise<string | null> {
  const selectionHash = await sha256Hex(selectionText);
  if (!selectionHash) return null;
  const { revisionId, sourceVersion, targetVersion } = d;
  return sha256Hex(resultKeyText({ pageId: Number(d.pageId), revisionId, sourceVersion, targetVersion, kind, selectionHash, page }));
}

/** A cached Finder result page, or null on a miss. */
export function readFinderResult<T>(ref: PageRef, path: string[], page: number): Promise<T | null> {
  return attempt(async (c) => {
    const display = await c.query(getBySlug, ref);
    if (!display) return null;
    const cacheKey = await finderCacheKey(display, path, page);
    if (!cacheKey) return null;
    const res = await c.query(getResult, { ...ref, cacheKey });
    return res ? (JSON.parse(res.payloadJson) as T) : null;
  });
}

/** A cached Matrix slice, or null on a miss. */
export function readMatrixSlice<T>(ref: PageRef, rowOffset: number, rowLimit: number): Promise<T | null> {
  return attempt(async (c) => {
    const display = await c.query(getBySlug, ref);
    if (!display) return null;
    const cacheKey = await matrixCacheKey(display, rowOffset, rowLimit);
    if (!cacheKey) return null;
    const res = await c.query(getMatrixData, { ...ref, cacheKey });
    return res ? (JSON.parse(res.payloadJson) as T) : null;
  });
}
