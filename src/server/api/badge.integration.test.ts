/** The SVG badge: valid XML/SVG, the pair's verdict as `public.whatIf` computes it, escaped labels, cacheable. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { encodeTenantHeader, TENANT_HEADER } from "~/server/tenancy/resolve-tenant";
import { reimport, seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";
import { createTestOrg, publicCaller, testDb, type TestOrg } from "~/test/helpers";
import { answerBadge, verdictText } from "./badge";

function badge(org: TestOrg, file: string, query: string, headers: Record<string, string> = {}) {
  const req = new Request(`http://t.test/api/badge/${file}?${query}`, {
    headers: { [TENANT_HEADER]: encodeTenantHeader({ by: "slug", value: org.session.org.slug, basePath: "" }), "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}`, ...headers },
  });
  return answerBadge(req, file, testDb());
}

function parseSvg(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(text) as { svg: Record<string, unknown> & { title: string; g: { text: string | { "#text": string } }[] } };
  expect(doc.svg["@xmlns"]).toBe("http://www.w3.org/2000/svg");
  return doc.svg;
}

describe("GET /badge/{slug}.svg", () => {
  it("shows each pair's verdict as public.whatIf computes it, as valid SVG, cacheable with an ETag", async () => {
    const org = await createTestOrg();
    const { page } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    const pub = publicCaller({ by: "slug", value: org.session.org.slug, basePath: "" });
    const seen = new Set<number>();
    for (const source of ["t3chat", "myapp", "batch"]) {
      for (const target of ["gpt41", "gpt41mini", "claude37", "llama33"]) {
        const res = await badge(org, "llm-finder.svg", `source=${source}&target=${target}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
        expect(res.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+/);
        const svg = parseSvg(await res.text());
        const pair = await pub.public.whatIf({ slug: "llm-finder", sourceKey: source, targetKey: target });
        seen.add(pair.verdict);
        const words = { 2: `works with ${pair.target.label} ✓`, 1: `partly works with ${pair.target.label} ~`, 0: `does not work with ${pair.target.label} ✗` }[pair.verdict];
        expect(svg.title, `${source} × ${target}`).toBe(`${pair.source.label}: ${words}`);
        expect(svg["@aria-label"]).toBe(svg.title);
        const again = await badge(org, "llm-finder.svg", `source=${source}&target=${target}`, { "if-none-match": res.headers.get("etag")! });
        expect(again.status).toBe(304);
      }
    }
    // The fixture has pairs of each verdict, so every wording was checked.
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(verdictText(2, "Claude Sonnet 4")).toBe("works with Claude Sonnet 4 ✓");
  });

  it("escapes labels, and answers errors as a badge with a 4xx status", async () => {
    const org = await createTestOrg();
    const { page, targetDatasetId } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("GPT-4.1 mini", '"GPT <4.1> & \'mini\'"'));
    const res = await badge(org, "llm-finder.svg", "source=t3chat&target=gpt41mini");
    const text = await res.text();
    expect(text).toContain("GPT &lt;4.1&gt; &amp; &apos;mini&apos;");
    expect(parseSvg(text).title).toContain("GPT <4.1> & 'mini'");

    for (const [file, query, status] of [
      ["nope.svg", "source=t3chat&target=gpt41", 404],
      ["llm-finder.svg", "source=t3chat", 400],
      ["llm-finder.svg", "source=t3chat&target=zzz", 400],
      ["llm-finder.png", "source=t3chat&target=gpt41", 404],
    ] as const) {
      const bad = await badge(org, file, query);
      expect(bad.status, `${file}?${query}`).toBe(status);
      expect(bad.headers.get("cache-control")).toBe("no-store");
      parseSvg(await bad.text());
    }
  });
});
