import { describe, expect, it } from "vitest";
import { convexOrTRPC, convexTenant, withConvexFallback } from "./convex-first";

const url = "https://example.convex.cloud";

describe("which public reads Convex may answer", () => {
  it("the live page of a known tenant, with Convex configured", () => {
    expect(convexTenant(url, "acme", undefined)).toBe("acme");
  });

  it("never a past revision, an unknown tenant, or without Convex", () => {
    expect(convexTenant(url, "acme", 1)).toBeNull();
    expect(convexTenant(url, null, undefined)).toBeNull();
    expect(convexTenant(undefined, "acme", undefined)).toBeNull();
  });
});

describe("Convex first, tRPC on a miss", () => {
  const reads = (convex: string | null) => {
    const asked: string[] = [];
    const fromConvex = async (orgSlug: string) => (asked.push(`convex:${orgSlug}`), convex);
    const fromTRPC = async () => (asked.push("trpc"), "from tRPC");
    return { asked, fromConvex, fromTRPC };
  };

  it("a hit is Convex's answer and tRPC is not asked", async () => {
    const r = reads("from Convex");
    expect(await convexOrTRPC("acme", r.fromConvex, r.fromTRPC)).toBe("from Convex");
    expect(r.asked).toEqual(["convex:acme"]);
  });

  it("a miss is tRPC's answer", async () => {
    const r = reads(null);
    expect(await convexOrTRPC("acme", r.fromConvex, r.fromTRPC)).toBe("from tRPC");
    expect(r.asked).toEqual(["convex:acme", "trpc"]);
  });

  it("without a tenant for Convex only tRPC is asked", async () => {
    const r = reads("from Convex");
    expect(await convexOrTRPC(null, r.fromConvex, r.fromTRPC)).toBe("from tRPC");
    expect(r.asked).toEqual(["trpc"]);
  });

  it("query options keep tRPC's own query function when Convex may not answer, and ask Convex first when it may", async () => {
    const base = { queryKey: ["public", "result"], queryFn: async () => "tRPC's query function" };
    expect(withConvexFallback(base, null, reads("from Convex").fromConvex, reads(null).fromTRPC)).toBe(base);

    const hit = withConvexFallback(base, "acme", reads("from Convex").fromConvex, reads(null).fromTRPC);
    expect(hit.queryKey).toBe(base.queryKey);
    expect(await hit.queryFn()).toBe("from Convex");
    const r = reads(null);
    expect(await withConvexFallback(base, "acme", r.fromConvex, r.fromTRPC).queryFn()).toBe("from tRPC");
    expect(r.asked).toEqual(["convex:acme", "trpc"]);
  });
});
