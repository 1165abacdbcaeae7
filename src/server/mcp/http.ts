/**
 * `/api/mcp` (and `/p/{org}/api/mcp`, `{sub}.host/api/mcp`): the organization's MCP server over
 * Streamable HTTP, stateless — a server and transport per request, JSON answers — so it runs the
 * same on one server and serverless (docs/mcp.md). Each request counts once against the public rate
 * limit of its client and tenant.
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Db } from "~/server/db/client";
import { publicVisitor } from "~/server/api/public-visitor";
import { compatMcpServer } from "./tools";

/** MCP messages are small; a larger body is refused before it is read. */
export const MCP_MAX_BODY_BYTES = 256 * 1024;

const jsonRpcError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status, headers });

export async function answerMcp(req: Request, db: Db): Promise<Response> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MCP_MAX_BODY_BYTES) return jsonRpcError(413, `An MCP request body is at most ${MCP_MAX_BODY_BYTES} bytes`);
  const visitor = await publicVisitor(req, db);
  if ("refused" in visitor) return jsonRpcError(visitor.refused.status, visitor.refused.message, visitor.refused.headers);
  const { org } = visitor;

  const server = compatMcpServer(db, org);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    // Stateless: nothing outlives the answer (a JSON answer is complete when handleRequest returns).
    void server.close();
  }
}
