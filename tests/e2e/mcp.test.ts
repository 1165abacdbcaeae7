import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, inject, it } from "vitest";
import { request } from "./server";

/**
 * Issue 16: the demo organization's MCP server over real HTTP, through the middleware's `/p/{org}`
 * form, with the official SDK's client; its find_targets ranking is the Finder's.
 */
const baseUrl = inject("baseUrl");
const DEEPEST = ["Data extraction", "backend", "invoice-extractor"];

describe("the MCP server over HTTP", () => {
  it("lists the tools and find_targets answers the demo Finder's ranking", async () => {
    const client = new Client({ name: "compat-e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/p/demo/api/mcp`)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("find_targets");

    const input = encodeURIComponent(JSON.stringify({ json: { slug: "llm-finder", path: DEEPEST } }));
    const finder = JSON.parse((await request(baseUrl, `/p/demo/api/trpc/public.result?input=${input}`)).body) as { result: { data: { json: { targets: { key: string }[] } } } };
    const pageOne = finder.result.data.json.targets.map((t) => t.key);
    const r = await client.callTool({ name: "find_targets", arguments: { page: "llm-finder", selection: DEEPEST, limit: pageOne.length } });
    const found = JSON.parse((r.content as { text: string }[])[0]!.text) as { targets: { key: string }[] };
    expect(found.targets.map((t) => t.key)).toEqual(pageOne);
    await client.close();
  });

  it("llms.txt and a page's Markdown are routed by the middleware for the /p/{org} form", async () => {
    const llms = await request(baseUrl, "/p/demo/llms.txt");
    expect(llms.status).toBe(200);
    expect(String(llms.headers["content-type"])).toMatch(/^text\/markdown/);
    expect(llms.body).toContain("/p/demo/llm-finder.md)");
    const md = await request(baseUrl, `/p/demo/llm-finder.md?${new URLSearchParams(DEEPEST.map((v) => ["path", v])).toString()}`);
    expect(md.status).toBe(200);
    expect(md.body).toContain("| Target | Verdict | Not met | Data missing |");
    expect((await request(baseUrl, "/p/demo/no-such-page.md")).status).toBe(404);
  });
});
