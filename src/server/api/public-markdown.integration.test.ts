import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller, testDb } from "~/test/helpers";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { mdText } from "~/server/pages/read/markdown";
import { encodeTenantHeader, TENANT_HEADER, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { answerMarkdown } from "./public-markdown";

/** `/llms.txt` and `/{slug}.md` (docs/llms.md): the public answers as Markdown, per tenant. */
async function published() {
  const org = await createTestOrg({ tier: "team" });
  const { page } = await seedExamplePage(org, { slug: "md-finder" });
  await org.caller.pages.publish({ pageId: page.id });
  const tenant: TenantRef = { by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` };
  const get = async (name: string, query = "", ref: TenantRef | null = tenant) => {
    const headers: Record<string, string> = { host: "compat.test" };
    if (ref) headers[TENANT_HEADER] = encodeTenantHeader(ref);
    const res = await answerMarkdown(new Request(`http://compat.test/api/public-md/${name}${query}`, { headers }), name, testDb());
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };
  return { org, tenant, get, visitor: publicCaller(tenant), base: `http://compat.test/p/${org.session.org.slug}` };
}

describe("Markdown for language models", () => {
  it("llms.txt lists the organization's published pages with links to their Markdown", async () => {
    const { get, base } = await published();
    const r = await get("llms.txt");
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/markdown/);
    expect(r.body).toMatch(/^# Test Org \S+ — compatibility data\n/);
    expect(r.body).toContain(`- [Which LLM works with my app?](${base}/md-finder.md): Finder: choose`);
    expect(r.body).toContain(`[MCP server](${base}/api/mcp)`);
  });

  it("a Finder's Markdown lists the first level's choices, then a selection's ranked result as the page has it", async () => {
    const { get, visitor, base } = await published();
    const start = await get("md-finder");
    expect(start.body).toContain(`](${base}/md-finder.md?path=web)`);
    const result = await visitor.public.result({ slug: "md-finder", path: ["web"] });
    const r = await get("md-finder", "?path=web");
    expect(r.status).toBe(200);
    const rows = r.body.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Target"));
    expect(rows.map((l) => l.split(" | ")[0]!.slice(2))).toEqual(result.targets.map((t) => mdText(t.label)));
    expect(rows.map((l) => l.split(" | ")[1])).toEqual(result.targets.map((t) => ["❌ incompatible", "⚠️ partial", "✅ compatible"][t.verdict!]));
    expect(r.body).toContain(`${result.counts.compatible} of ${result.counts.total} fully compatible`);
  });

  it("answers 404 for a page it does not publish, an unknown organization, or no tenant", async () => {
    const mine = await published();
    const missing = await mine.get("nope");
    expect([missing.status, missing.body]).toEqual([404, "Page nope not found"]);
    expect((await mine.get("md-finder", "", { by: "slug", value: "no-such-org", basePath: "/p/no-such-org" })).status).toBe(404);
    expect((await mine.get("llms.txt", "", null)).status).toBe(404);
  });

  it("keeps tenant text from becoming Markdown syntax", () => {
    expect(mdText("a|b\n[x](javascript:y) *z* <b>")).toBe("a\\|b \\[x\\](javascript:y) \\*z\\* \\<b\\>");
  });
});
