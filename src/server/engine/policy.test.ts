import { describe, expect, it } from "vitest";
import { devicePolicySchema, parseDevicePolicy, parseSelectionPolicy, selectionPolicySchema } from "./policy";

describe("policies", () => {
  it("an empty device policy gets the documented defaults", () => {
    expect(parseDevicePolicy({})).toEqual({ groupBy: null, hideIncompatible: false, sort: "verdict", pageSize: 50, unknownRequired: "partial", columns: [] });
  });

  it("a matrix groups by provider unless groupBy is stored, even as null", () => {
    expect(parseDevicePolicy({}, "matrix").groupBy).toBe("provider");
    expect(parseDevicePolicy(null, "matrix").groupBy).toBe("provider");
    expect(parseDevicePolicy({ groupBy: null }, "matrix").groupBy).toBeNull();
    expect(parseDevicePolicy({ groupBy: "tier" }, "matrix").groupBy).toBe("tier");
  });

  it("page sizes above 200 are refused", () => {
    expect(devicePolicySchema.safeParse({ pageSize: 201 }).success).toBe(false);
    expect(devicePolicySchema.safeParse({ pageSize: 200 }).success).toBe(true);
  });

  it("unknown sort orders and policies are refused", () => {
    expect(devicePolicySchema.safeParse({ sort: "price" }).success).toBe(false);
    expect(devicePolicySchema.safeParse({ unknownRequired: "ignore" }).success).toBe(false);
  });

  it("a selection policy aggregates by worst by default and leaves minDepth to the page", () => {
    expect(parseSelectionPolicy(undefined)).toEqual({ aggregate: "worst" });
    expect(selectionPolicySchema.parse({ minDepth: 1, aggregate: "best" })).toEqual({ minDepth: 1, aggregate: "best" });
    expect(selectionPolicySchema.safeParse({ minDepth: -1 }).success).toBe(false);
  });
});
