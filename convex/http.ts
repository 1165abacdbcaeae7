/**
 * The only way in for writes: `POST /sync` with `Authorization: Bearer <SYNC_SECRET>` and
 * `{ deliveries: Delivery[] }`. Each delivery runs its internal mutation in its own
 * transaction, in order; a failure answers 500 and the app retries the batch, which is
 * safe because deliveries are idempotent.
 */
import { httpRouter } from "convex/server";
import { internal } from "./_generated/api";
import { httpAction, type ActionCtx } from "./_generated/server";
import { parseDeliveries, type Delivery } from "./lib/deliveries";

const http = httpRouter();

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/**
 * Compares digests rather than the strings so the time taken depends on neither the
 * secret's length nor the position of the first wrong character.
 */
async function secretMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function authorized(request: Request): Promise<boolean> {
  const expected = process.env.SYNC_SECRET;
  if (!expected) {
    // Refuse rather than run open: an unset secret must never mean "no secret".
    console.error("POST /sync refused: SYNC_SECRET is not set on this deployment");
    return false;
  }
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/.exec(header);
  return match?.[1] !== undefined && (await secretMatches(match[1], expected));
}

async function apply(ctx: ActionCtx, delivery: Delivery): Promise<"applied" | "ignored"> {
  const { organizationId, orgSlug, pageId, revisionId } = delivery;
  const target = { organizationId, orgSlug, pageId, revisionId };
  switch (delivery.kind) {
    case "page-display": {
      // Outbox ids are numbers in text; they order two displays of the same generation.
      const sequence = /^\d{1,15}$/.test(delivery.id) ? Number(delivery.id) : undefined;
      return ctx.runMutation(internal.sync.syncPageDisplay, { ...target, data: delivery.data, sequence });
    }
    case "option-shards":
      return ctx.runMutation(internal.sync.syncOptionShards, { ...target, data: delivery.data });
    case "result-cache": {
      const { payload, ...fields } = delivery.data;
      return ctx.runMutation(internal.sync.syncResultCache, {
        ...target,
        data: { ...fields, payloadJson: JSON.stringify(payload) },
      });
    }
    case "page-remove":
      return ctx.runMutation(internal.sync.removePage, target);
  }
}

http.route({
  path: "/sync",
  method: "POST",
  handler: httpAction(async (ctx, request) => {
    if (!(await authorized(request))) return json(401, { error: "unauthorized" });

    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return json(400, { error: "body: not valid JSON" });
    }
    const parsed = parseDeliveries(body);
    if (!parsed.ok) return json(400, { error: parsed.error });

    let applied = 0;
    let ignored = 0;
    for (const delivery of parsed.deliveries) {
      try {
        const outcome = await apply(ctx, delivery);
        if (outcome === "applied") applied++;
        else {
          ignored++;
          console.log(`sync: ignored stale ${delivery.kind} ${delivery.id} (revision ${delivery.revisionId})`);
        }
      } catch (error) {
        console.error(`sync: ${delivery.kind} ${delivery.id} failed`, error);
        const message = error instanceof Error ? error.message : String(error);
        return json(500, { error: `delivery ${delivery.id} failed: ${message}`, applied, ignored });
      }
    }
    return json(200, { applied, ignored });
  }),
});

export default http;
