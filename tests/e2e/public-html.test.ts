import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "~/server/db/client";
import { organizations, publicPages } from "~/server/db/schema";
import { publishPage } from "~/server/pages";
import { request } from "./server";

/**
 * The server-rendered HTML of public pages (issue 10, docs/read-path.md#server-render): the demo's
 * deepest Finder selection fits in 100 KB — Next's inlined RSC payload included — because the list
 * comes in its first-screen form and the breakdowns are fetched when opened. Pages (a function of
 * their URL and the published state) are held whole per URL and published state: a strong ETag,
 * 304 on If-None-Match, and a Cache-Control a CDN may hold; a publish — here by this test process,
 * on the server's database — moves the ETag within the server's pointer period.
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

describe("whole-page HTML per published state", () => {
  const PUBLIC = /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/;

  it("the Finder (with and without a selection or a view) and the Matrix: strong ETag per URL, 304, CDN-cacheable", async () => {
    for (const path of ["/p/demo/llm-finder", "/p/demo/llm-matrix", DEEPEST, "/p/demo/llm-matrix?q=claude"]) {
      const first = await request(baseUrl, path);
      expect(first.status, path).toBe(200);
      expect(first.headers["content-type"]).toMatch(/^text\/html/);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"h-[0-9a-f]{64}"$/);
      expect(first.headers["cache-control"]).toMatch(PUBLIC);
      const again = await request(baseUrl, path);
      expect(again.body).toBe(first.body);
      expect(again.headers.etag).toBe(etag);
      const revalidated = await request(baseUrl, path, { headers: { "if-none-match": etag } });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body).toBe("");
      expect((await request(baseUrl, path, { headers: { "if-none-match": '"h-other"' } })).status).toBe(200);
      expect(String(first.headers.vary)).toMatch(/rsc/i);
      // A client-side navigation asks for the RSC payload: the page answers it, not the HTML cache.
      const nav = await request(baseUrl, path, { headers: { rsc: "1" } });
      expect(nav.status).toBe(200);
      expect(nav.headers["content-type"]).toMatch(/text\/x-component/);
      expect(nav.headers.etag).toBeUndefined();
    }
    // The host form is another address: its own ETag (its links differ).
    const port = new URL(baseUrl).port;
    const viaHost = await request(baseUrl, "/llm-finder", { host: `demo.localhost:${port}` });
    expect(viaHost.status).toBe(200);
    expect(viaHost.headers.etag).not.toBe((await request(baseUrl, "/p/demo/llm-finder")).headers.etag);
    // A selection or a view is another URL: its own ETag, and its own HTML.
    const unselected = await request(baseUrl, "/p/demo/llm-finder");
    const selected = await request(baseUrl, DEEPEST);
    const sorted = await request(baseUrl, `${DEEPEST}&sort=name`);
    expect(new Set([unselected.headers.etag, selected.headers.etag, sorted.headers.etag]).size).toBe(3);
    expect(selected.body).toContain("invoice-extractor");
    // Unknown pages stay 404 and uncached.
    const missing = await request(baseUrl, "/p/demo/no-such-page");
    expect(missing.status).toBe(404);
    expect(String(missing.headers["cache-control"])).not.toMatch(/public/);
  });

  it("a publish in another process changes the ETag within the server's pointer period", async () => {
    const handle = createDb(inject("e2eDatabaseUrl"));
    try {
      const [org] = await handle.db.select().from(organizations).where(eq(organizations.slug, "demo"));
      const [page] = await handle.db.select().from(publicPages).where(and(eq(publicPages.organizationId, org!.id), eq(publicPages.slug, "llm-matrix")));
      const before = await request(baseUrl, "/p/demo/llm-matrix");
      const etag = String(before.headers.etag);
      // The same draft again: a new revision with the same content, so other tests see no difference.
      await publishPage({ db: handle.db, orgId: org!.id, actor: { type: "system", id: "e2e-public-html" }, requestId: "e2e-public-html" }, page!.id);
      const published = Date.now();
      let after = before;
      // Staleness is when the last request answered with the old ETag was sent, not when the first
      // fresh answer arrived (rendering the new revision may take a while on a busy dev server).
      let lastStale = published;
      while (after.headers.etag === etag && Date.now() - published < 15_000) {
        await new Promise((r) => setTimeout(r, 200));
        const sent = Date.now();
        after = await request(baseUrl, "/p/demo/llm-matrix", { headers: { "if-none-match": etag } });
        if (after.headers.etag === etag) lastStale = sent;
      }
      expect(after.status).toBe(200);
      expect(after.headers.etag).toMatch(/^"h-[0-9a-f]{64}"$/);
      expect(after.headers.etag).not.toBe(etag);
      // The server holds pointers PUBLIC_POINTER_TTL_MS (1 s by default; docs/read-path.md): well within this.
      expect(lastStale - published).toBeLessThan(5_000);
      expect((await request(baseUrl, "/p/demo/llm-matrix", { headers: { "if-none-match": etag } })).status).toBe(200);
    } finally {
      await handle.close();
    }
  });
});
