import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { assertWithinLimit, effectiveLimits } from ".";

describe("usage limits", () => {
  it("follow the tier table of docs/limits.md", () => {
    expect(effectiveLimits("personal", null)).toMatchObject({ sourceSchemas: 2, targetSchemas: 2, sourceRowsPerDataset: 1000, targetRowsPerDataset: 100, dimensionsPerSchema: 4, rulesPerPage: 10, customSubdomain: 0 });
    expect(effectiveLimits("team", null)).toMatchObject({ sourceSchemas: null, sourceRowsPerDataset: 100_000, targetRowsPerDataset: 10_000, dimensionsPerSchema: 10, rulesPerPage: 100, customSubdomain: 1 });
    expect(effectiveLimits("enterprise", null)).toEqual(effectiveLimits("team", null));
  });

  it("take an organization's own overrides over the tier default, ignoring nonsense", () => {
    const l = effectiveLimits("personal", { rulesPerPage: 25, sourceSchemas: null, targetSchemas: -3, bogus: 1 });
    expect(l.rulesPerPage).toBe(25);
    expect(l.sourceSchemas).toBeNull();
    expect(l.targetSchemas).toBe(2);
  });

  it("allow use up to the limit and refuse beyond it with the limit, use, max and tier", () => {
    const org = { planTier: "personal" as const, usageLimits: null };
    expect(() => assertWithinLimit(org, "sourceSchemas", 2)).not.toThrow();
    try {
      assertWithinLimit(org, "sourceSchemas", 3);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TRPCError);
      expect((e as TRPCError).code).toBe("FORBIDDEN");
      expect((e as TRPCError).message).toContain("source schemas");
      expect(((e as TRPCError).cause as unknown as { details: unknown }).details).toEqual({ limit: "sourceSchemas", use: 3, max: 2, tier: "personal" });
    }
  });

  it("never limit what is unlimited", () => {
    expect(() => assertWithinLimit({ planTier: "team", usageLimits: null }, "sourceSchemas", 10_000)).not.toThrow();
  });
});
