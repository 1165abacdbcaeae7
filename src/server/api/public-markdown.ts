/**
 * `/llms.txt` and `/{slug}.md` of a tenant (the middleware routes them to app/api/public-md):
 * Markdown from the public answers, charged like any public read, cacheable like them (docs/llms.md).
 */
import { TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { publicError } from "~/server/errors";
import { publicBase } from "~/server/changes/feed-response";
import { llmsTxt, pageMarkdown } from "~/server/pages";
import { parseSelection } from "~/components/public/selection";
import { publicVisitor } from "./public-visitor";
import { publicCacheControl } from "./public-http";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": `text/${status === 200 ? "markdown" : "plain"}; charset=utf-8`, ...headers } });

/** `name` is `llms.txt` or a page slug. */
export async function answerMarkdown(req: Request, name: string, db: Db): Promise<Response> {
  const visitor = await publicVisitor(req, db);
  if ("refused" in visitor) return text(visitor.refused.status, visitor.refused.message, visitor.refused.headers);
  const url = new URL(req.url);
  const base = publicBase(req.headers, url.origin);
  try {
    if (name === "llms.txt") return text(200, await llmsTxt(db, visitor.org, base), { "cache-control": publicCacheControl() });
    const sel = parseSelection(url.searchParams, 12);
    return text(200, await pageMarkdown(db, visitor.org, base, name, sel.path, sel.page), { "cache-control": publicCacheControl() });
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const shown = publicError(err);
    return text(shown.code === "NOT_FOUND" ? 404 : shown.code === "BAD_REQUEST" ? 400 : 500, shown.message);
  }
}
