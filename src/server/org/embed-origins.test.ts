import { describe, expect, it } from "vitest";
import { frameAncestors, normalizeEmbedOrigins } from "./embed-origins";

describe("embed origins", () => {
  it("accepts origins (wildcard subdomains, ports), normalises them and drops duplicates", () => {
    expect(normalizeEmbedOrigins([" https://Example.com/", "http://localhost:5173", "https://*.example.org", "https://example.com"])).toEqual([
      "https://example.com",
      "http://localhost:5173",
      "https://*.example.org",
    ]);
    expect(normalizeEmbedOrigins(null)).toBeNull();
    expect(normalizeEmbedOrigins([])).toEqual([]);
  });

  it("refuses anything that is not an origin, naming the entry — a path, a scheme other than http(s), a bare *, a directive", () => {
    for (const bad of ["example.com", "https://example.com/path", "javascript:alert(1)", "*", "https://a.com; script-src *", "https://exa mple.com", "'self'", "https://a.*.com"]) {
      expect(() => normalizeEmbedOrigins(["https://ok.com", bad]), bad).toThrow(/is not an origin/);
    }
    try {
      normalizeEmbedOrigins(["https://ok.com", "nope"]);
    } catch (e) {
      expect((e as { cause?: unknown; data?: unknown }).cause ?? e).toBeTruthy();
    }
    expect(() => normalizeEmbedOrigins(Array.from({ length: 21 }, (_, i) => `https://a${i}.com`))).toThrow(/At most 20/);
  });

  it("null allows any site, [] none, otherwise the list", () => {
    expect(frameAncestors(null)).toBe("frame-ancestors *");
    expect(frameAncestors(undefined)).toBe("frame-ancestors *");
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
    expect(frameAncestors(["https://a.com", "http://localhost:5173"])).toBe("frame-ancestors https://a.com http://localhost:5173");
  });
});
