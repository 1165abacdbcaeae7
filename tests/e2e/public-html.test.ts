import { describe, expect, inject, it } from "vitest";
import { request } from "./server";

/**
 * The server-rendered HTML of public pages (issue 10, docs/read-path.md#server-render): the demo's
 * deepest Finder selection fits in 100 KB — Next's inlined RSC payload included — because the list
 * comes in its first-screen form and the breakdowns are fetched when opened.
 */
const baseUrl = inject("baseUrl");
/** The demo Finder with every level chosen: use case, client type and the app itself. */
const DEEPEST = "/p/demo/llm-finder?path=Data+extraction&path=backend&path=invoice-extractor";
const MAX_HTML_BYTES = 100 * 1024;

describe("public page HTML", () => {
  it("the demo's deepest Finder selection is under 100 KB of HTML, with the first screen in it", async () => {
    const res = await request(baseUrl, DEEPEST);
    expect(res.status).toBe(200);
    const bytes = Buffer.byteLength(res.body, "utf8");
    console.log(`deepest demo Finder selection: ${bytes} bytes of HTML`);
    expect(bytes).toBeLessThan(MAX_HTML_BYTES);
    // The first screen is really there: the headline and targets, each with its summary line.
    expect(res.body).toContain('id="result-headline"');
    expect((res.body.match(/data-verdict="/g) ?? []).length).toBeGreaterThan(5);
    expect(res.body).toMatch(/Every feature met|features? not met/);
    // No per-feature explanation travels with it (neither as HTML nor in the RSC payload).
    expect(res.body).not.toMatch(/aria-label="Features of /);
    expect(res.body).not.toMatch(/\\"explanation\\"/);
  });
});
