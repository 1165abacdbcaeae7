/**
 * A Convex outage across 100 publishes, imports, renames, reads and a delete: the outbox keeps
 * every entry, and once Convex is back it receives all of them — through the real app-side HTTP
 * sink, the real `POST /sync` action and the real internal mutations, run in memory by
 * `convex-test`. While down, Convex fails in every way it can (refused connection, 503, timeout,
 * a 500 after applying part of a batch), so entries are retried, re-sent and delivered out of
 * order. The end state must equal what a never-failing Convex ends with: a second instance that
 * gets every outbox entry once, in order.
 */
import { convexTest } from "convex-test";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import schema from "../../../convex/schema";
import { api } from "../../../convex/_generated/api";
import { compatResults, optionIndex, syncOutbox } from "~/server/db/schema";
import { createConvexHttpSink, type Delivery } from "~/server/sync/convex-sink";
import { drainAll, outboxStatus } from "~/server/sync/outbox";
import { createMemoryRateLimiter } from "~/server/ratelimit";
import { setPublicRateLimiter } from "~/server/test-support";
import { reimport, seedDataset, sourceCsv, sourceSchema, targetCsv, targetSchema, exampleRules } from "~/server/pages/testing/fixtures";
import { createTestOrg, publicCaller, testDb, uid, type TestOrg } from "~/test/helpers";
import { Figures } from "./harness.test-support";

const modules = import.meta.glob(["../../../convex/**/*.{js,ts}", "!../../../convex/**/*.*.*"]);
const SECRET = `reliability-${uid()}`;
type ConvexT = ReturnType<typeof convexTest>;

const figures = new Figures();
afterAll(() => figures.print("Convex outage"));

/** A deterministic PRNG, so a failure replays (seed printed on failure). */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mode = "up" | "refused" | "503" | "timeout" | "partial";

/** The app's real HTTP sink, pointed at an in-memory Convex whose availability we control. */
function sinkTo(t: ConvexT, state: { mode: Mode; random: () => number }, seen: Map<string, number>) {
  const forward = (body: string) =>
    t.fetch("/sync", { method: "POST", headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" }, body });
  return createConvexHttpSink({
    siteUrl: "https://outage.convex.test",
    secret: SECRET,
    fetch: (async (_url: string, init: RequestInit) => {
      const body = String(init.body);
      const deliveries = (JSON.parse(body) as { deliveries: Delivery[] }).deliveries;
      const mode = state.mode === "up" ? "up" : state.mode;
      if (mode === "refused") throw new TypeError("fetch failed: connect ECONNREFUSED");
      if (mode === "timeout") throw Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
      if (mode === "503") return new Response("Service Unavailable", { status: 503 });
      if (mode === "partial") {
        // Convex applied the first k deliveries of the request, then a mutation failed.
        const k = Math.floor(state.random() * deliveries.length);
        if (k > 0) {
          const res = await forward(JSON.stringify({ deliveries: deliveries.slice(0, k) }));
          expect(res.status).toBe(200);
          for (const d of deliveries.slice(0, k)) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
        }
        return Response.json({ error: `delivery ${deliveries[k]?.id} failed: simulated`, applied: k, ignored: 0 }, { status: 500 });
      }
      const res = await forward(body);
      if (res.ok) for (const d of deliveries) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
      return res;
    }) as typeof fetch,
  });
}

/** Every document of the cache, minus ids and wall-clock stamps, in a canonical order. */
async function dump(t: ConvexT) {
  return t.run(async (ctx) => {
    const clean = (docs: Record<string, unknown>[]) =>
      docs
        .map(({ _id, _creationTime, syncedAt, removedAt, ...rest }) => (void [_id, _creationTime, syncedAt, removedAt], rest))
        .map((d) => JSON.stringify(d, Object.keys(d).sort()))
        .sort();
    return {
      pageDisplays: clean(await ctx.db.query("pageDisplays").collect()),
      optionShards: clean(await ctx.db.query("optionShards").collect()),
      resultCache: clean(await ctx.db.query("resultCache").collect()),
      pageRemovals: clean(await ctx.db.query("pageRemovals").collect()),
    };
  });
}

/** Convex logs every stale delivery it ignores; keep the test output readable. */
const quiet = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("sync: ignored stale")) return;
  process.stdout.write(`${args.map(String).join(" ")}\n`);
});
afterAll(() => quiet.mockRestore());

describe("Convex down across 100 publishes and imports", () => {
  let org: TestOrg;
  const previousSecret = process.env.SYNC_SECRET;
  beforeAll(async () => {
    process.env.SYNC_SECRET = SECRET;
    setPublicRateLimiter(createMemoryRateLimiter(1_000_000, 60_000));
    org = await createTestOrg({ tier: "team" });
  });
  afterAll(() => {
    setPublicRateLimiter(null);
    if (previousSecret === undefined) delete process.env.SYNC_SECRET;
    else process.env.SYNC_SECRET = previousSecret;
  });

  it("loses nothing, and the recovered cache equals a never-failing one", async () => {
    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    console.log(`[reliability] Convex outage seed ${seed} (RELIABILITY_SEED=${seed} replays it)`);

    const orgId = org.session.org.id;
    const db = testDb();
    const sourceDatasetId = await seedDataset(org.caller, "sources", sourceSchema, sourceCsv, "clients");
    const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, targetCsv, "models");
    const pages: { id: number; slug: string; template: "finder" | "matrix"; deleted: boolean }[] = [];
    for (const [slug, template] of [["finder-a", "finder"], ["finder-b", "finder"], ["matrix-c", "matrix"]] as const) {
      const page = await org.caller.pages.create({ slug, name: `Page ${slug}`, template, sourceDatasetId, targetDatasetId });
      for (const r of exampleRules) await org.caller.rules.create({ pageId: page.id, ...r });
      pages.push({ id: page.id, slug, template, deleted: false });
    }
    const visitor = publicCaller({ by: "slug", value: org.session.org.slug, basePath: `/p/${org.session.org.slug}` });

    const outage = convexTest(schema, modules);
    const seen = new Map<string, number>();
    const state: { mode: Mode; random: () => number } = { mode: "refused", random };
    const sink = sinkTo(outage, state, seen);
    let clock = Date.now();
    const drain = async (opts: { batchSize?: number } = {}) => drainAll(db, (b) => sink.deliver(b), { now: new Date(clock), organizationId: orgId, ...opts });

    // Targets/sources variants the imports cycle through (each moves the dataset version).
    const targetVariants = [
      targetCsv,
      targetCsv.replace("gpt41mini,GPT-4.1 mini,openai,true,false", "gpt41mini,GPT-4.1 mini,openai,true,true"),
      `${targetCsv}\nmistral,Mistral Large,mistral,true,true`,
      targetCsv.replace("llama33,Llama 3.3,meta,false,true", "llama33,Llama 3.3,meta,true,true"),
    ];
    const sourceVariants = [sourceCsv, `${sourceCsv}\nphone,Phone App,mobile,true,false`, sourceCsv.replace("batch,Batch Worker,backend,false,true", "batch,Batch Worker,backend,true,true")];
    let ti = 0;
    let si = 0;

    const ops: Record<string, () => Promise<unknown>> = {
      publish: () => org.caller.pages.publish({ pageId: pick(pages.filter((p) => !p.deleted)).id }),
      importTargets: () => reimport(org.caller, "targets", targetDatasetId, targetVariants[++ti % targetVariants.length]!),
      importSources: () => reimport(org.caller, "sources", sourceDatasetId, sourceVariants[++si % sourceVariants.length]!),
      read: async () => {
        const p = pick(pages.filter((x) => !x.deleted));
        const info = await visitor.public.page({ slug: p.slug }).catch(() => null);
        if (!info) return; // not published yet
        if (p.template === "matrix") await visitor.public.matrix({ slug: p.slug, rowLimit: pick([1, 2, 50]) });
        else await visitor.public.result({ slug: p.slug, path: [pick(["web", "desktop", "backend"])] });
      },
      rename: () => {
        const p = pick(pages.filter((x) => !x.deleted));
        return org.caller.pages.update({ id: p.id, name: `Page ${p.slug} renamed ${Math.floor(random() * 1000)}` });
      },
      editRule: async () => {
        const p = pick(pages.filter((x) => !x.deleted));
        const rules = await org.caller.rules.list({ pageId: p.id });
        await org.caller.rules.update({ id: pick(rules).id, weight: 1 + Math.floor(random() * 5) });
      },
    };
    const weighted: [keyof typeof ops, number][] = [["publish", 34], ["importTargets", 14], ["importSources", 10], ["read", 24], ["rename", 10], ["editRule", 8]];
    const total = weighted.reduce((n, [, w]) => n + w, 0);
    const nextOp = () => {
      let r = random() * total;
      for (const [name, w] of weighted) if ((r -= w) < 0) return name;
      return "publish";
    };

    // Everything is published once first (while Convex is already down).
    for (const p of pages) await org.caller.pages.publish({ pageId: p.id });
    const done: Record<string, number> = {};
    let publishes = pages.length;
    let imports = 0;
    for (let step = 0; step < 100; step++) {
      if (step === 80) {
        // A page is deleted mid-outage (page-remove), and a new one takes its slug.
        const gone = pages.find((p) => p.slug === "finder-b")!;
        await org.caller.pages.delete({ id: gone.id });
        gone.deleted = true;
        const again = await org.caller.pages.create({ slug: "finder-b", name: "Page finder-b again", template: "finder", sourceDatasetId, targetDatasetId });
        await org.caller.rules.create({ pageId: again.id, ...exampleRules[0]! });
        pages.push({ id: again.id, slug: "finder-b", template: "finder", deleted: false });
        await org.caller.pages.publish({ pageId: again.id });
        publishes++;
      }
      const op = nextOp();
      await ops[op]!();
      done[op] = (done[op] ?? 0) + 1;
      if (op === "publish") publishes++;
      if (op.startsWith("import")) imports++;
      // The drainer keeps trying while Convex fails in one way or another.
      state.mode = pick(["refused", "503", "timeout", "partial", "partial"] as const);
      clock += Math.floor(random() * 120_000);
      const r = await drain({ batchSize: pick([3, 10, 200]) });
      expect(r.error, `step ${step}: the outage must fail the drain`).toBeTruthy();
    }
    // Visitors read every live page at the end too, so the final cache holds results.
    for (const p of pages.filter((x) => !x.deleted)) {
      if (p.template === "matrix") await visitor.public.matrix({ slug: p.slug, rowLimit: 2 });
      else for (const path of [["web"], ["desktop"]]) await visitor.public.result({ slug: p.slug, path });
    }
    state.mode = "partial";
    clock += 60_000;
    await drain();
    for (const [op, n] of Object.entries(done)) figures.add(`operation ${op}`, n);
    figures.add("publishes during the outage", publishes);
    figures.add("imports during the outage", imports);

    const entries = await db.select({ id: syncOutbox.id, status: syncOutbox.status, attempts: syncOutbox.attempts, payload: syncOutbox.payloadJson }).from(syncOutbox).where(eq(syncOutbox.organizationId, orgId)).orderBy(asc(syncOutbox.id));
    const during = await outboxStatus(db, orgId);
    figures.add("outbox entries written", entries.length);
    figures.add("entries partly applied during the outage (a 500 after a prefix)", seen.size);
    expect(entries.length).toBeGreaterThan(150);
    // Nothing was marked delivered while every request failed: every entry is still there.
    expect(during.pending).toBe(entries.length);
    expect(entries.every((e) => e.attempts > 0 || e.status === "pending")).toBe(true);

    // Convex comes back. The drainer wakes up at uneven times: entries with different backoffs
    // become due in a different order than they were written.
    state.mode = "up";
    let rounds = 0;
    while ((await outboxStatus(db, orgId)).pending > 0) {
      clock += 1_000 + Math.floor(random() * 45_000);
      await drain({ batchSize: pick([1, 4, 25]) });
      if (++rounds > 5_000) throw new Error("outbox never drained");
    }
    figures.add("drain rounds after recovery", rounds);

    // Nothing lost: every entry delivered (at least once — a partial 500 makes some twice).
    const after = await db.select({ id: syncOutbox.id, status: syncOutbox.status }).from(syncOutbox).where(eq(syncOutbox.organizationId, orgId));
    const lost = after.filter((e) => e.status !== "delivered" || !seen.has(String(e.id)));
    figures.add("entries lost", lost.length);
    expect(lost).toEqual([]);
    const twice = [...seen.values()].filter((n) => n > 1).length;
    figures.add("entries delivered more than once (idempotent)", twice);
    // Out-of-order delivery really happened (else this test would prove less than it claims).
    const deliveredOrder = [...seen.keys()].map(Number);
    const inversions = deliveredOrder.filter((id, i) => i > 0 && id < deliveredOrder[i - 1]!).length;
    figures.add("out-of-order deliveries", inversions);

    // The reference: a Convex that never failed gets every entry once, in outbox order.
    const reference = convexTest(schema, modules);
    const refSink = sinkTo(reference, { mode: "up", random }, new Map());
    const all: Delivery[] = entries.map((e) => ({ ...(e.payload as Omit<Delivery, "id">), id: String(e.id) }) as Delivery);
    for (let i = 0; i < all.length; i += 50) await refSink.deliver(all.slice(i, i + 50));

    // What visitors read is the same…
    const live = pages.filter((p) => !p.deleted);
    const orgSlug = org.session.org.slug;
    for (const p of live) {
      const [a, b] = [await outage.query(api.pages.getBySlug, { orgSlug, slug: p.slug }), await reference.query(api.pages.getBySlug, { orgSlug, slug: p.slug })];
      const strip = (d: typeof a) => (d ? { ...d, syncedAt: 0, _id: null, _creationTime: 0 } : d);
      expect(strip(a), `display of ${p.slug}`).toEqual(strip(b));
      expect(a, `display of ${p.slug} is there`).not.toBeNull();
      // …and matches the app's own view of the page.
      const info = await visitor.public.page({ slug: p.slug });
      expect(a).toMatchObject({ name: info.name, revisionId: info.cache.revisionId, sourceVersion: info.cache.sourceVersion, targetVersion: info.cache.targetVersion });
    }
    const sets = await db
      .select({ pageId: optionIndex.pageId, level: optionIndex.level, parentHash: optionIndex.parentHash })
      .from(optionIndex)
      .where(eq(optionIndex.organizationId, orgId));
    for (const s of sets) {
      const p = pages.find((x) => x.id === s.pageId && !x.deleted);
      if (!p) continue;
      const args = { orgSlug, slug: p.slug, level: s.level, parentHash: s.parentHash };
      expect(await outage.query(api.pages.getOptions, args), `options ${p.slug} ${s.level}`).toEqual(await reference.query(api.pages.getOptions, args));
      figures.add("option sets compared");
    }
    const results = await db.select({ pageId: compatResults.pageId, cacheKey: compatResults.cacheKey, kind: compatResults.kind }).from(compatResults).where(and(eq(compatResults.organizationId, orgId)));
    for (const r of results) {
      const p = pages.find((x) => x.id === r.pageId && !x.deleted);
      if (!p) continue;
      const q = r.kind === "matrix" ? api.pages.getMatrixData : api.pages.getResult;
      expect(await outage.query(q, { orgSlug, slug: p.slug, cacheKey: r.cacheKey })).toEqual(await reference.query(q, { orgSlug, slug: p.slug, cacheKey: r.cacheKey }));
      figures.add("cached results compared");
    }
    // …and so is every document stored (nothing extra left behind, nothing missing).
    const [got, want] = [await dump(outage), await dump(reference)];
    for (const table of Object.keys(want) as (keyof typeof want)[]) {
      expect(got[table], `${table} differs from a never-failing Convex (seed ${seed})`).toEqual(want[table]);
      figures.add(`${table} documents compared`, want[table].length);
    }
  }, 600_000);
});

describe("a rename while Convex is down", () => {
  it("is not undone by the older display of the same revision delivered after it", async () => {
    const previousSecret = process.env.SYNC_SECRET;
    process.env.SYNC_SECRET = SECRET;
    try {
      const org = await createTestOrg({ tier: "team" });
      const orgId = org.session.org.id;
      const db = testDb();
      const sourceDatasetId = await seedDataset(org.caller, "sources", sourceSchema, sourceCsv, "clients");
      const targetDatasetId = await seedDataset(org.caller, "targets", targetSchema, targetCsv, "models");
      const page = await org.caller.pages.create({ slug: "renamed", name: "Old name", template: "finder", sourceDatasetId, targetDatasetId });
      const convex = convexTest(schema, modules);
      const state: { mode: Mode; random: () => number } = { mode: "503", random: prng(1) };
      const sink = sinkTo(convex, state, new Map());
      let clock = Date.now();
      const drain = () => drainAll(db, (b) => sink.deliver(b), { now: new Date(clock), organizationId: orgId });

      // Published while Convex is down: the display (name "Old name") fails a few times and backs off.
      await org.caller.pages.publish({ pageId: page.id });
      for (let i = 0; i < 4; i++) {
        await drain();
        const [row] = await db.select({ next: syncOutbox.nextAttemptAt }).from(syncOutbox).where(and(eq(syncOutbox.organizationId, orgId), eq(syncOutbox.kind, "page-display")));
        if (i < 3) clock = row!.next.getTime() + 1; // due again; after the last failure it is not
      }
      // Renamed (a fresh display of the same revision, due at once); Convex comes back right then.
      await org.caller.pages.update({ id: page.id, name: "New name" });
      state.mode = "up";
      await drain(); // delivers the rename (the old display is still backing off)
      clock += 10 * 60_000;
      await drain(); // now the old display is due and delivered too
      expect((await outboxStatus(db, orgId)).pending).toBe(0);

      const display = await convex.query(api.pages.getBySlug, { orgSlug: org.session.org.slug, slug: "renamed" });
      figures.add("rename-ordering probes");
      expect(display?.name, "Convex shows the name the page has in PlanetScale").toBe((await org.caller.pages.get({ id: page.id })).name);
    } finally {
      if (previousSecret === undefined) delete process.env.SYNC_SECRET;
      else process.env.SYNC_SECRET = previousSecret;
    }
  });
});
