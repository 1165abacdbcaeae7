/**
 * Faults, nothing lost. Real connection drops (the socket is destroyed, the server rolls back)
 * during imports and publishes, a dead import worker, and concurrent rule edits and publishes.
 * The Convex outage lives in convex-outage.integration.test.ts.
 */
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startImport } from "~/server/catalog/import/run";
import type { ImportTuning } from "~/server/catalog/import/progress";
import { makeDataset, snapshotDataset } from "~/server/catalog/test-fixtures";
import { auditLog, compatResults, featureRules, optionIndex, pageRevisions, publicPages, sourceImports, syncOutbox, targetImports } from "~/server/db/schema";
import { publishPage } from "~/server/pages/published/publish";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { createTestOrg, testDb, uid, type TestOrg } from "~/test/helpers";
import { Figures, faultyDb, type FaultPlan, type FaultyDb } from "./harness.test-support";

const figures = new Figures();
let fdb: FaultyDb;
beforeAll(() => {
  fdb = faultyDb(process.env.DATABASE_URL!);
});
afterAll(async () => {
  figures.print("faults");
  await fdb.close();
});

/* ── Imports ────────────────────────────────────────────────────────────────────────────── */

const modelCsv = (n: number, tag: string) => ["id,displayName,maxTokens,streaming", ...Array.from({ length: n }, (_, i) => `m${i},Model ${i} ${tag},${1000 + i},${i % 2 === 0}`)].join("\n");

/** Finds the server thread of this pool's open transaction (the import's write transaction). */
async function openTransactionThread(): Promise<number | null> {
  const ids = fdb.threadIds();
  if (ids.length === 0) return null;
  const rows = (await testDb().execute(sql`SELECT trx_mysql_thread_id AS t FROM information_schema.innodb_trx WHERE trx_mysql_thread_id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)) as unknown as [{ t: number }[]];
  return rows[0]?.[0]?.t ?? null;
}

type ImportFault = { name: string; inject: () => Promise<void> };

describe("an import that dies mid-way", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createTestOrg({ tier: "team" });
  });

  const faults: ImportFault[] = [
    { name: "connection dropped before the next batch reaches the server", inject: async () => fdb.arm({ atStatement: 1, when: "before" }) },
    { name: "connection dropped after a batch ran (its reply lost)", inject: async () => fdb.arm({ atStatement: 1, when: "after" }) },
    { name: "connection dropped just before COMMIT", inject: async () => fdb.arm({ match: /^commit/i, when: "before" }) },
    {
      name: "the server kills the transaction's connection (KILL CONNECTION)",
      inject: async () => {
        const thread = await openTransactionThread();
        if (thread === null) throw new Error("no open transaction found to kill");
        await testDb().execute(sql.raw(`KILL CONNECTION ${Number(thread)}`));
      },
    },
    {
      name: "the worker throws inside the write transaction",
      inject: async () => {
        throw new Error("worker crashed (simulated out-of-memory)");
      },
    },
  ];

  for (const fault of faults) {
    it(`${fault.name}: the dataset is unchanged and the import is failed with a reason`, async () => {
      const { ds } = await makeDataset(org, "target");
      const baseline = await startImport(org.scope, org.session.org, "target", { datasetId: ds.id, format: "csv", body: { kind: "text", text: modelCsv(60, "v1") }, fileName: null, mode: "upsert", onError: "abort", wait: true });
      expect(baseline.import?.status).toBe("completed");
      const before = await snapshotDataset(testDb(), org.session.org.id, "target", ds.id);

      let injected = false;
      const scope = { ...org.scope, db: fdb.db };
      const tuning: ImportTuning = {
        batchSize: 25,
        progressIntervalMs: 0,
        onProgress: async (e) => {
          // After some batches of the write transaction have gone to the server.
          if (e.phase === "writing" && e.rowsDone >= 100 && !injected) {
            injected = true;
            await fault.inject();
          }
        },
      };
      const run = startImport(scope, org.session.org, "target", { datasetId: ds.id, format: "csv", body: { kind: "text", text: modelCsv(400, "v2") }, fileName: "big.csv", mode: "replace", onError: "abort", wait: true }, tuning);
      const { import: view } = await run;
      const fired = fdb.fired;
      fdb.disarm();
      figures.add("import faults injected");
      expect(injected).toBe(true);
      if (fault.name.startsWith("connection dropped")) expect(fired, "the armed drop happened").toBe(true);
      console.log(`[reliability] import fault "${fault.name}" → ${view?.status}: ${view?.error?.slice(0, 160)}`);
      expect(view?.status).toBe("failed");
      expect(view?.error).toBeTruthy();
      expect(view?.error).toMatch(/failed unexpectedly and nothing was written|crashed|connection|closed|killed/i);
      const after = await snapshotDataset(testDb(), org.session.org.id, "target", ds.id);
      expect(after).toEqual(before);
      figures.add("rows lost or half-written", after.rows.length === before.rows.length ? 0 : Math.abs(after.rows.length - before.rows.length));

      // The pool is healthy afterwards: the same import through it now completes.
      fdb.disarm();
      const again = await startImport(scope, org.session.org, "target", { datasetId: ds.id, format: "csv", body: { kind: "text", text: modelCsv(400, "v2") }, fileName: "big.csv", mode: "replace", onError: "abort", wait: true }, { batchSize: 25 });
      expect(again.import).toMatchObject({ status: "completed", stats: { inserted: 340, updated: 60, removed: 0 } });
    });
  }
});

describe("an import whose worker died", () => {
  it("is marked failed (with a reason) when read after the heartbeat went stale; a live one is left alone", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { ds } = await makeDataset(org, "source");
    const { ds: target } = await makeDataset(org, "target");
    const db = testDb();
    const old = new Date(Date.now() - 11 * 60_000);
    const row = (status: "pending" | "processing", heartbeatAt: Date | null, createdAt: Date) => ({
      organizationId: org.session.org.id, datasetId: ds.id, format: "csv" as const, mode: "upsert" as const, onError: "abort" as const, createdBy: "test", status, heartbeatAt, createdAt,
    });
    const [dead] = await db.insert(sourceImports).values(row("processing", old, old)).$returningId();
    const [stuckPending] = await db.insert(sourceImports).values(row("pending", null, old)).$returningId();
    const [alive] = await db.insert(sourceImports).values(row("processing", new Date(), old)).$returningId();
    const [deadTarget] = await db.insert(targetImports).values({ ...row("processing", old, old), datasetId: target.id }).$returningId();

    const got = await org.caller.sources.imports.get({ id: dead!.id });
    expect(got).toMatchObject({ status: "failed", changed: false });
    expect(got.error).toMatch(/stopped responding.*Nothing was written/);
    expect(got.summary).toMatch(/^Failed: /);
    const listed = await org.caller.sources.imports.list({ datasetId: ds.id });
    expect(listed.find((i) => i.id === stuckPending!.id)?.status).toBe("failed");
    expect(listed.find((i) => i.id === alive!.id)?.status).toBe("processing");
    expect((await org.caller.targets.imports.list())[0]).toMatchObject({ id: deadTarget!.id, status: "failed" });
    // Another organization reading its own imports does not touch these (and cannot see them).
    const other = await createTestOrg();
    await other.caller.sources.imports.list();
    const [still] = await db.select({ status: sourceImports.status }).from(sourceImports).where(eq(sourceImports.id, alive!.id));
    expect(still!.status).toBe("processing");
    figures.add("dead workers detected", 3);
  });
});

/* ── Publish: a connection drop at every statement of the transaction ───────────────────── */

async function publishState(orgId: string, pageId: number) {
  const db = testDb();
  const revisions = await db.select({ id: pageRevisions.id, number: pageRevisions.number }).from(pageRevisions).where(and(eq(pageRevisions.organizationId, orgId), eq(pageRevisions.pageId, pageId))).orderBy(asc(pageRevisions.id));
  const [page] = await db.select({ revisionId: publicPages.revisionId, status: publicPages.status }).from(publicPages).where(and(eq(publicPages.organizationId, orgId), eq(publicPages.id, pageId)));
  const options = await db
    .select({ revisionId: optionIndex.revisionId, sourceVersion: optionIndex.sourceVersion, level: optionIndex.level, parentHash: optionIndex.parentHash, shard: optionIndex.shard, values: optionIndex.valuesJson })
    .from(optionIndex)
    .where(and(eq(optionIndex.organizationId, orgId), eq(optionIndex.pageId, pageId)))
    .orderBy(asc(optionIndex.id));
  const outbox = await db.select({ id: syncOutbox.id, kind: syncOutbox.kind, payload: syncOutbox.payloadJson }).from(syncOutbox).where(and(eq(syncOutbox.organizationId, orgId), eq(syncOutbox.pageId, pageId))).orderBy(asc(syncOutbox.id));
  const audits = await db.select({ id: auditLog.id, diff: auditLog.diffJson }).from(auditLog).where(and(eq(auditLog.organizationId, orgId), eq(auditLog.action, "page.publish"), eq(auditLog.targetId, String(pageId))));
  const results = await db.select({ n: count() }).from(compatResults).where(and(eq(compatResults.organizationId, orgId), eq(compatResults.pageId, pageId)));
  return { revisions, page: page!, options, outbox, audits, results: Number(results[0]!.n) };
}

/** What a complete publish leaves: every piece points at the newest revision. */
function expectConsistent(s: Awaited<ReturnType<typeof publishState>>) {
  const last = s.revisions.at(-1)!;
  expect(s.revisions.map((r) => r.number)).toEqual(s.revisions.map((_, i) => i + 1));
  expect(s.page).toEqual({ revisionId: last.id, status: "published" });
  expect(s.options.length).toBeGreaterThan(0);
  expect(new Set(s.options.map((o) => o.revisionId))).toEqual(new Set([last.id]));
  const displays = s.outbox.filter((o) => o.kind === "page-display").map((o) => (o.payload as { revisionId: number }).revisionId);
  expect(displays).toEqual(s.revisions.map((r) => r.id));
  const shards = s.outbox.filter((o) => o.kind === "option-shards").map((o) => (o.payload as { revisionId: number }).revisionId);
  expect(new Set(shards)).toEqual(new Set(s.revisions.map((r) => r.id)));
  expect(s.audits.length).toBe(s.revisions.length);
}

describe("a connection dropped during publish", () => {
  it("at every statement, before and after it ran: the publish happened completely or not at all", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules } = await seedExamplePage(org, { slug: `faulty-${uid()}` });
    const scope = { ...org.scope, db: fdb.db };
    await publishPage(scope, page.id);

    // Dry run: how many statements one publish sends on its transaction.
    await org.caller.rules.update({ id: rules[0]!.id, weight: 2 });
    fdb.count();
    await publishPage(scope, page.id);
    const statements = fdb.seen;
    const log = [...fdb.log];
    expect(log[0]).toMatch(/^begin/i);
    expect(log.at(-1)).toMatch(/^commit/i);
    figures.add("statements in one publish transaction", statements);

    let happenedDespiteError = 0;
    for (let k = 1; k <= statements; k++) {
      for (const when of ["before", "after"] as FaultPlan["when"][]) {
        await org.caller.rules.update({ id: rules[0]!.id, weight: 10 + k });
        const before = await publishState(org.session.org.id, page.id);
        fdb.arm({ atStatement: k, when });
        let failed = false;
        try {
          await publishPage(scope, page.id);
        } catch {
          failed = true;
        }
        fdb.disarm();
        expect(fdb.fired, `fault ${when} statement ${k} (${log[k - 1]?.slice(0, 60)})`).toBe(true);
        expect(failed).toBe(true);
        figures.add("publish faults injected");
        const after = await publishState(org.session.org.id, page.id);
        const grew = after.revisions.length - before.revisions.length;
        expect([0, 1], `revisions grew by ${grew}`).toContain(grew);
        if (grew === 0) {
          expect(after, `fault ${when} "${log[k - 1]?.slice(0, 60)}" left a partial publish`).toEqual(before);
        } else {
          // Only a lost reply to COMMIT may leave a publish behind: then all of it is there.
          expect(when === "after" && /^commit/i.test(log[k - 1] ?? "")).toBe(true);
          happenedDespiteError++;
          expectConsistent(after);
        }
        // And the system recovers: locks released, pool healthy, the next publish is whole.
        await publishPage(scope, page.id);
        expectConsistent(await publishState(org.session.org.id, page.id));
      }
    }
    expect(happenedDespiteError).toBe(1);
    figures.add("publishes that committed although the caller saw an error (lost COMMIT reply; consistent)", happenedDespiteError);
  }, 180_000);
});

/* ── Concurrent rule edits and publishes ────────────────────────────────────────────────── */

describe("concurrent rule edits and publishes of one page", () => {
  it("lose no update, number revisions 1..n, and each revision's snapshot is the rules at its commit", async () => {
    const org = await createTestOrg({ tier: "team" });
    const { page, rules } = await seedExamplePage(org, { slug: `race-${uid()}` });
    const extra = [];
    for (let i = 0; i < 3; i++) extra.push(await org.caller.rules.create({ pageId: page.id, name: `extra ${i}`, weight: 1, logic: { "==": [{ var: "target.provider" }, `p${i}`] } }));
    const all = [...rules, ...extra];
    const EDITS = 12;
    const PUBLISHES = 15;
    // One chain of sequential edits per rule (weights 2..EDITS+1), all chains and a publisher in parallel.
    const editChains = all.map(async (rule) => {
      for (let w = 2; w <= EDITS + 1; w++) await org.caller.rules.update({ id: rule.id, weight: w, description: `edit ${w}` });
    });
    const creates = (async () => {
      for (let i = 0; i < 4; i++) await org.caller.rules.create({ pageId: page.id, name: `late ${i}`, weight: 100 + i, logic: { "==": [{ var: "target.provider" }, `late${i}`] } });
    })();
    const publishers = [0, 1, 2].map(async () => {
      for (let i = 0; i < PUBLISHES / 3; i++) await org.caller.pages.publish({ pageId: page.id });
    });
    await Promise.all([...editChains, creates, ...publishers]);
    await org.caller.pages.publish({ pageId: page.id });

    // No lost update: every rule carries its last edit, and the late creates all exist in order.
    const final = await org.caller.rules.list({ pageId: page.id });
    for (const r of all) expect(final.find((f) => f.id === r.id)).toMatchObject({ weight: EDITS + 1, description: `edit ${EDITS + 1}` });
    expect(final.filter((r) => r.name.startsWith("late")).map((r) => r.name)).toEqual(["late 0", "late 1", "late 2", "late 3"]);
    expect(new Set(final.map((r) => r.sortOrder)).size).toBe(final.length);

    // Revisions 1..n without gaps.
    const revisions = await testDb()
      .select({ id: pageRevisions.id, number: pageRevisions.number, snapshot: pageRevisions.snapshotJson })
      .from(pageRevisions)
      .where(and(eq(pageRevisions.organizationId, org.session.org.id), eq(pageRevisions.pageId, page.id)))
      .orderBy(asc(pageRevisions.number));
    expect(revisions.map((r) => r.number)).toEqual(Array.from({ length: PUBLISHES + 1 }, (_, i) => i + 1));

    // Replay the audit log (written inside each transaction, under the page lock, so its order is
    // the commit order): at each publish, the snapshot must equal the replayed rules exactly.
    const audit = await testDb()
      .select({ id: auditLog.id, action: auditLog.action, targetId: auditLog.targetId, diff: auditLog.diffJson })
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, org.session.org.id), inArray(auditLog.action, ["rule.create", "rule.update", "page.publish"])))
      .orderBy(asc(auditLog.id));
    const state = new Map<string, number>();
    const snapshotWeights = (snap: unknown) =>
      Object.fromEntries(((snap as { snapshot: { rules: { id: number | string; weight: number }[] } }).snapshot.rules).map((r) => [String(r.id), r.weight]));
    let checked = 0;
    for (const entry of audit) {
      const diff = entry.diff as Record<string, unknown>;
      if (entry.action === "rule.create") state.set(entry.targetId!, Number(diff.weight));
      else if (entry.action === "rule.update" && diff.weight) state.set(entry.targetId!, Number((diff.weight as { to: number }).to));
      else if (entry.action === "page.publish") {
        const rev = revisions.find((r) => r.number === Number(diff.revision))!;
        expect(snapshotWeights(rev.snapshot), `revision ${rev.number}`).toEqual(Object.fromEntries(state));
        checked++;
      }
    }
    expect(checked).toBe(PUBLISHES + 1);
    figures.add("concurrent edits", all.length * (EDITS - 1) + 4);
    figures.add("concurrent publishes checked against the replayed rules", checked);
    // Rule rows of this page never got duplicated either.
    const [n] = await testDb().select({ n: count() }).from(featureRules).where(and(eq(featureRules.organizationId, org.session.org.id), eq(featureRules.pageId, page.id)));
    expect(Number(n!.n)).toBe(all.length + 4);
  }, 120_000);
});
