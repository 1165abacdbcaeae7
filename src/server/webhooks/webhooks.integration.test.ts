import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestOrg, testDb } from "~/test/helpers";
import { codeOf } from "~/test/trpc-errors";
import { reimport, seedExamplePage, targetCsv } from "~/server/pages/testing/fixtures";
import { drainWebhooks, refuseUrl, verifySignature } from "~/server/webhooks";

interface Received {
  id: string;
  type: string;
  signatureOk: boolean;
  body: { type: string; data: Record<string, unknown> };
}

/** A receiver that follows docs/webhooks.md: verify, deduplicate on `webhook-id`, then apply. */
async function receiver(secret: () => string) {
  const applied = new Map<string, Received>();
  let attempts = 0;
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      attempts++;
      const id = String(req.headers["webhook-id"]);
      const signatureOk = verifySignature(secret(), String(req.headers["webhook-signature"] ?? ""), raw);
      if (!signatureOk) return res.writeHead(400).end("bad signature");
      // The effect happens, then the receiver "crashes" before answering: the sender must retry.
      if (!applied.has(id)) applied.set(id, { id, type: String(req.headers["webhook-event"]), signatureOk, body: JSON.parse(raw) });
      if (failNext > 0) {
        failNext--;
        return res.writeHead(503).end("down");
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { server, url, applied, attempts: () => attempts, failFor: (n: number) => (failNext = n) };
}

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe("webhooks", () => {
  it("a receiver gets signed deliveries of every event, exactly once in effect across an outage", async () => {
    const org = await createTestOrg({ tier: "team" });
    const orgId = org.session.org.id;
    let secret = "";
    const rx = await receiver(() => secret);
    servers.push(rx.server);
    const hook = await org.caller.org.webhooks.create({ url: rx.url, events: ["page.published", "verdict.changed", "import.completed", "import.failed"] });
    secret = hook.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await org.caller.org.webhooks.list())).not.toContain(secret);

    const { page, rules, targetDatasetId } = await seedExamplePage(org, { slug: "hooked" });
    await org.caller.pages.publish({ pageId: page.id, note: "v1" });
    await org.caller.rules.delete({ id: rules[2]!.id });
    await org.caller.pages.publish({ pageId: page.id, note: "v2" });
    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("gpt41mini,GPT-4.1 mini,openai,true,false", "gpt41mini,GPT-4.1 mini,openai,true,true"));
    const bad = await org.caller.targets.datasets.import({ datasetId: targetDatasetId, format: "csv", content: "id,displayName\nx,", wait: true }).catch(() => null);
    expect(bad?.import?.status ?? "failed").toBe("failed");

    // The receiver is down for the first three requests (it applies, then fails to answer).
    rx.failFor(3);
    const first = await drainWebhooks(testDb(), { organizationId: orgId });
    expect(first.failed).toBeGreaterThan(0);
    // Not yet due: nothing is re-sent before the backoff expires.
    const before = rx.attempts();
    await drainWebhooks(testDb(), { organizationId: orgId });
    expect(rx.attempts()).toBe(before);
    await drainWebhooks(testDb(), { organizationId: orgId, now: later(10) });
    await drainWebhooks(testDb(), { organizationId: orgId, now: later(30) });

    const types = [...rx.applied.values()].map((r) => r.type).sort();
    expect(types).toEqual(["import.completed", "import.completed", "import.completed", "import.failed", "page.published", "page.published", "verdict.changed", "verdict.changed"]);
    expect(rx.attempts()).toBe(rx.applied.size + 3);
    const changed = [...rx.applied.values()].filter((r) => r.type === "verdict.changed").map((r) => r.body.data);
    expect(changed.map((d) => [d.cause, d.changed, d.better, (d.pairs as unknown[]).length]).sort()).toEqual([["publish", 5, 5, 5], ["target-data", 2, 2, 2]]);

    const log = await org.caller.org.webhooks.deliveries({ id: hook.id });
    expect(log.items).toHaveLength(rx.applied.size);
    expect(log.items.every((d) => d.status === "delivered" && d.lastStatusCode === 204)).toBe(true);
    expect(log.items.filter((d) => d.attempts === 2)).toHaveLength(3);
    expect(log.items.every((d) => d.event !== "webhook.test")).toBe(true);
  });

  it("the documented recipe refuses a wrong secret, a changed body and a replayed old signature", async () => {
    const { signPayload } = await import("./sign");
    const now = 1_800_000_000;
    const header = signPayload("whsec_a", now, '{"x":1}');
    expect(verifySignature("whsec_a", header, '{"x":1}', now)).toBe(true);
    expect(verifySignature("whsec_b", header, '{"x":1}', now)).toBe(false);
    expect(verifySignature("whsec_a", header, '{"x":2}', now)).toBe(false);
    expect(verifySignature("whsec_a", header, '{"x":1}', now + 301)).toBe(false);
  });

  it("a hook that keeps failing is turned off with a reason; test and turning it on again work", async () => {
    const org = await createTestOrg({ tier: "team" });
    const dead = createServer((_, res) => res.writeHead(500).end());
    await new Promise<void>((r) => dead.listen(0, "127.0.0.1", r));
    servers.push(dead);
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/`;
    const hook = await org.caller.org.webhooks.create({ url, events: ["page.published"] });
    const { page } = await seedExamplePage(org, { slug: "dead-hook" });
    for (let i = 0; i < 3; i++) await org.caller.pages.publish({ pageId: page.id });
    await drainWebhooks(testDb(), { organizationId: org.session.org.id, disableAfter: 3 });
    const [off] = await org.caller.org.webhooks.list();
    expect(off).toMatchObject({ id: hook.id, enabled: false, consecutiveFailures: 3 });
    expect(off!.disabledReason).toContain("failed deliveries in a row");
    expect(await org.caller.org.webhooks.test({ id: hook.id })).toMatchObject({ sent: false });

    const on = await org.caller.org.webhooks.update({ id: hook.id, enabled: true });
    expect(on).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    expect(await org.caller.org.webhooks.test({ id: hook.id })).toMatchObject({ sent: true, status: "pending", statusCode: 500 });
  });

  it("the SSRF guard refuses private, loopback and link-local addresses in production only", async () => {
    const production = { production: true, resolve: async (h: string) => (h === "internal.example" ? ["10.1.2.3"] : ["93.184.216.34"]) };
    for (const url of [
      "https://127.0.0.1/x",
      "https://10.0.0.5/x",
      "https://192.168.1.1/x",
      "https://172.20.0.1/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[fe80::1]/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://localhost/x",
      "https://internal.example/x",
      "http://example.com/x",
    ]) {
      expect(await refuseUrl(url, production), url).not.toBeNull();
    }
    expect(await refuseUrl("https://hooks.example.com/x", production)).toBeNull();
    expect(await refuseUrl("http://127.0.0.1:9/x", { production: false })).toBeNull();

    const org = await createTestOrg({ tier: "team" });
    vi.stubEnv("NODE_ENV", "production");
    expect(await codeOf(org.caller.org.webhooks.create({ url: "https://127.0.0.1/hook", events: ["page.published"] }))).toBe("BAD_REQUEST");
    expect(await codeOf(org.caller.org.webhooks.create({ url: "https://169.254.169.254/hook", events: ["page.published"] }))).toBe("BAD_REQUEST");
    vi.unstubAllEnvs();
    // Saved in development, then delivered in production: refused at delivery time too.
    const hook = await org.caller.org.webhooks.create({ url: "http://127.0.0.1:9/hook", events: ["page.published"] });
    await org.caller.org.webhooks.test({ id: hook.id }).catch(() => null);
    const { items } = await org.caller.org.webhooks.deliveries({ id: hook.id });
    expect(items[0]!.lastStatusCode).toBeNull();
    const { page } = await seedExamplePage(org, { slug: "ssrf" });
    await org.caller.pages.publish({ pageId: page.id });
    await drainWebhooks(testDb(), { organizationId: org.session.org.id, production: true });
    const after = await org.caller.org.webhooks.deliveries({ id: hook.id });
    expect(after.items[0]!.lastError).toMatch(/^refused: /);
  });
});
