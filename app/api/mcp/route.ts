import { db } from "~/server/db";
import { answerMcp } from "~/server/mcp/http";

// Every answer is computed for its request (tools read the organization's published pages).
export const dynamic = "force-dynamic";

/** The organization's MCP server (Streamable HTTP, stateless; docs/mcp.md). */
const handle = (req: Request) => answerMcp(req, db);
export { handle as GET, handle as POST, handle as DELETE };
