/**
 * The cache-key contract between the server (compat_results, ETags, Convex sync) and the browser's
 * Convex reader: one set of texts (result-key.ts), hashed on each side with its own SHA-256.
 */
import fc from "fast-check";
import { announceFuzz, fuzz } from "~/test/fuzz";
import { describe, expect, it } from "vitest";
import { dimensionPathHash } from "~/server/catalog/hash";
import { finderSelectionHash, matrixSelectionHash, resultCacheKey } from "~/server/pages/read/result-cache";
import { finderCacheKey, matrixCacheKey, optionParentHash } from "./convex-read";
import { matrixPageOf, type ResultIdentity } from "./result-key";

announceFuzz(import.meta.url);

const display = fc.record({
  pageId: fc.integer({ min: 1, max: 2 ** 31 }).map(String),
  revisionId: fc.integer({ min: 1, max: 2 ** 31 }),
  sourceVersion: fc.integer({ min: 0, max: 1e6 }),
  targetVersion: fc.integer({ min: 0, max: 1e6 }),
});
const path = fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 5 });

function serverFinderKey(d: { pageId: string; revisionId: number; sourceVersion: number; targetVersion: number }, p: string[], page: number) {
  return resultCacheKey({ ...d, pageId: Number(d.pageId), kind: "finder", selectionHash: finderSelectionHash(p), page });
}

describe("result cache key contract", () => {
  it("the browser computes the same Finder and Matrix keys as the server", async () => {
    await fc.assert(
      fc.asyncProperty(display, path, fc.integer({ min: 1, max: 1000 }), fc.nat(100_000), fc.integer({ min: 1, max: 200 }), async (d, p, page, offset, limit) => {
        expect(await finderCacheKey(d, p, page)).toBe(serverFinderKey(d, p, page));
        const matrixId: ResultIdentity = { ...d, pageId: Number(d.pageId), kind: "matrix", selectionHash: matrixSelectionHash(offset, limit), page: matrixPageOf(offset, limit) };
        expect(await matrixCacheKey(d, offset, limit)).toBe(resultCacheKey(matrixId));
      }),
      fuzz(200),
    );
  });

  it("the browser's option parent hash is the catalog's dimension path hash", async () => {
    await fc.assert(
      fc.asyncProperty(path, async (p) => {
        expect(await optionParentHash(p)).toBe(dimensionPathHash(p));
      }),
      fuzz(200),
    );
  });

  it("a new revision, dataset version, selection or page gives a new key", () => {
    fc.assert(
      fc.property(display, path, fc.integer({ min: 1, max: 1000 }), (d, p, page) => {
        const base = serverFinderKey(d, p, page);
        expect(serverFinderKey({ ...d, revisionId: d.revisionId + 1 }, p, page)).not.toBe(base);
        expect(serverFinderKey({ ...d, sourceVersion: d.sourceVersion + 1 }, p, page)).not.toBe(base);
        expect(serverFinderKey({ ...d, targetVersion: d.targetVersion + 1 }, p, page)).not.toBe(base);
        expect(serverFinderKey({ ...d, pageId: String(Number(d.pageId) + 1) }, p, page)).not.toBe(base);
        expect(serverFinderKey(d, [...p, "x"], page)).not.toBe(base);
        expect(serverFinderKey(d, p, page + 1)).not.toBe(base);
      }),
      fuzz(300),
    );
  });

  it("keys already stored in PlanetScale and Convex keep their value", () => {
    // Changing the key text orphans every stored result and every synced Convex document.
    const id: ResultIdentity = { pageId: 7, revisionId: 3, sourceVersion: 2, targetVersion: 5, kind: "finder", selectionHash: finderSelectionHash(["web", "t3chat"]), page: 1 };
    expect(id.selectionHash).toBe("4f68a5e8fe3408226bc1c8a17aa8bd9e2d6bac623a13521f6702298b016d8da1");
    expect(resultCacheKey(id)).toBe("1b03394054b1fb23f90563935fe926af649f48db20709c31ff46077eb932e36f");
  });
});
