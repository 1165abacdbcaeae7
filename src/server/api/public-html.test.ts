/**
 * The whole-HTML ETag names everything the held HTML is made of: the page's published state (its
 * answer key) and the address it is shown under (links differ per host, scheme and base path).
 */
import { describe, expect, it } from "vitest";
import { htmlEtag } from "./public-html";

const heads = (h: Record<string, string>) => new Headers(h);

describe("whole-HTML ETag", () => {
  it("is strong, stable, and moves with the page state and the address", () => {
    const base = htmlEtag("p-abc", heads({ host: "localhost:3000" }), "/p/demo");
    expect(base).toMatch(/^"h-[0-9a-f]{64}"$/);
    expect(htmlEtag("p-abc", heads({ host: "localhost:3000" }), "/p/demo")).toBe(base);
    const others = [
      htmlEtag("p-abd", heads({ host: "localhost:3000" }), "/p/demo"), // a publish, import or rename
      htmlEtag("p-abc", heads({ host: "demo.localhost:3000" }), "/p/demo"),
      htmlEtag("p-abc", heads({ host: "localhost:3000" }), ""),
      htmlEtag("p-abc", heads({ host: "localhost:3000", "x-forwarded-proto": "https" }), "/p/demo"),
      htmlEtag("p-abc", heads({ host: "localhost:3000", "x-forwarded-host": "compat.example" }), "/p/demo"),
      htmlEtag("p-abc", heads({ host: "localhost:3000" }), "/p/demo", "?path=web"), // a selection
      htmlEtag("p-abc", heads({ host: "localhost:3000" }), "/p/demo", "?path=web&sort=name"), // a view
      htmlEtag("p-abc", heads({ host: "localhost:3000" }), "/p/demo", "", "embed"), // the embed of the same page
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});
