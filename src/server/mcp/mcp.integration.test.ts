import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { createTestOrg, publicCaller, testDb } from "~/test/helpers";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { encodeTenantHeader, TENANT_HEADER, type TenantRef } from "~/server/tenancy/resolve-tenant";
import { answerMcp } from "./http";

/**
 * The MCP server as an assistant meets it: the official SDK's client, over Streamable HTTP, against
 * the route's handler (the middleware's part — the tenant header — is set the way it sets it).
 */
async function connect(tenant: TenantRef | null): Promise<Client> {
  const client = new Client({ name: "compat-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://mcp.test/api/mcp"), {
    fetch: async (url, init) => {
      const req = new Request(url, init);
      const headers = new Headers(req.headers);
      if (tenant) headers.set(TENANT_HEADER, encodeTenantHeader(tenant));
      return answerMcp(new Request(req, { headers }), testDb());
    },
  });
  await client.connect(transport);
  return client;
}

const text = (r: Awaited<ReturnType<Client["callTool"]>>) => (r.content as { type: string; text: string }[])[0]!.text;
const data = <T,>(r: Awaited<ReturnType<Client["callTool"]>>) => JSON.parse(text(r)) as T;

async function publishedOrg(slug: string) {
  const org = await createTestOrg({ tier: "team" });
  const { page } = await seedExamplePage(org, { slug });
  await org.caller.pages.publish({ pageId: page.id });
  const tenant: TenantRef = { by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` };
  return { org, tenant, visitor: publicCaller(tenant) };
}

describe("the MCP server", () => {
  it("lists its read-only tools, and find_targets answers the Finder's ranking with verdicts", async () => {
    const { tenant, visitor } = await publishedOrg("mcp-finder");
    const client = await connect(tenant);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["check_pair", "explain", "find_targets", "list_pages", "what_changed"]);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);

    const pages = data<{ slug: string; template: string; levels: string[] }[]>(await client.callTool({ name: "list_pages", arguments: {} }));
    expect(pages.map((p) => p.slug)).toEqual(["mcp-finder"]);

    const finder = await visitor.public.result({ slug: "mcp-finder", path: ["web"] });
    const found = data<{ targets: { key: string; verdict: string }[]; matching: number }>(await client.callTool({ name: "find_targets", arguments: { page: "mcp-finder", selection: ["web"], limit: 100 } }));
    expect(finder.targets.length).toBeGreaterThan(1);
    expect(found.targets.map((t) => t.key)).toEqual(finder.targets.map((t) => t.key));
    expect(found.targets.map((t) => t.verdict)).toEqual(finder.targets.map((t) => ["incompatible", "partial", "compatible"][t.verdict!]));

    // The page's own filter: only those that fit.
    const fitting = data<{ targets: { verdict: string }[] }>(await client.callTool({ name: "find_targets", arguments: { page: "mcp-finder", selection: ["web"], show: "fit", limit: 100 } }));
    expect(fitting.targets.length).toBe(finder.targets.filter((t) => t.verdict !== 0).length);
    expect(fitting.targets.every((t) => t.verdict !== "incompatible")).toBe(true);
  });

  it("check_pair and explain speak about one pair with the page's verdict; what_changed reads the changelog", async () => {
    const { tenant, visitor } = await publishedOrg("mcp-pair");
    const client = await connect(tenant);
    const finder = await visitor.public.result({ slug: "mcp-pair", path: ["web"] });
    const failing = finder.targets.find((t) => t.verdict !== 2)!;
    expect(failing).toBeDefined();
    const pair = { page: "mcp-pair", source: failing.sourceKey, target: failing.key };
    const checked = data<{ verdict: string; features: { status: string; sentence: string | null }[] }>(await client.callTool({ name: "check_pair", arguments: pair }));
    expect(checked.verdict).toBe(["incompatible", "partial", "compatible"][failing.verdict!]);
    const explained = data<{ why: string[] }>(await client.callTool({ name: "explain", arguments: pair }));
    expect(explained.why.length).toBeGreaterThan(0);
    const changes = data<{ page: { slug: string }; items: unknown[] }>(await client.callTool({ name: "what_changed", arguments: { page: "mcp-pair" } }));
    expect(changes.page.slug).toBe("mcp-pair");
    expect(changes.items.length).toBe(1);
  });

  it("answers only for its tenant: another organization's page is not found, and no tenant is a 404", async () => {
    const { tenant } = await publishedOrg("mcp-mine");
    const other = await publishedOrg("mcp-theirs");
    const client = await connect(tenant);
    const r = await client.callTool({ name: "find_targets", arguments: { page: "mcp-theirs", selection: ["web"] } });
    expect(r.isError).toBe(true);
    expect(text(r)).toBe("Page mcp-theirs not found");
    const theirs = data<{ slug: string }[]>(await (await connect(other.tenant)).callTool({ name: "list_pages", arguments: {} }));
    expect(theirs.map((p) => p.slug)).toEqual(["mcp-theirs"]);
    await expect(connect(null)).rejects.toThrow(/404|No organization/);
  });

  it("refuses an oversized body with 413 before reading it", async () => {
    const { tenant } = await publishedOrg("mcp-big");
    const body = "x".repeat(300 * 1024);
    const res = await answerMcp(new Request("http://mcp.test/api/mcp", { method: "POST", body, headers: { "content-type": "application/json", "content-length": String(body.length), [TENANT_HEADER]: encodeTenantHeader(tenant) } }), testDb());
    expect(res.status).toBe(413);
  });
});
