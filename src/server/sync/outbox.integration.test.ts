import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { syncOutbox } from "~/server/db/schema";
import { createTestOrg, testDb } from "~/test/helpers";
import type { Delivery } from "./convex-sink";
import { backoffMs, drainAll, enqueueSync, outboxStatus } from "./outbox";

/** A sink that fails while `down` is true and records what it accepted. */
function flakySink() {
  const received: Delivery[] = [];
  const state = { down: true, calls: 0 };
  return {
    state,
    received,
    deliver: async (batch: Delivery[]) => {
      state.calls++;
      if (state.down) throw new Error("convex unreachable: ECONNREFUSED");
      received.push(...batch);
    },
  };
}

async function enqueueMany(orgId: string, orgSlug: string, n: number) {
  const db = testDb();
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      enqueueSync(tx, { kind: "page-remove", organizationId: orgId, orgSlug, pageId: String(1000 + i), revisionId: i, data: {} }),
    );
  }
}

describe("sync outbox", () => {
  it("keeps every entry through a long outage and delivers each exactly once after recovery", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    await enqueueMany(session.org.id, session.org.slug, 100);
    const sink = flakySink();

    // An outage spanning many drain attempts, each later than the last entry's backoff.
    let clock = Date.now();
    for (let attempt = 0; attempt < 6; attempt++) {
      clock += 10 * 60_000;
      const r = await drainAll(db, sink.deliver, { now: new Date(clock), organizationId: session.org.id });
      expect(r.delivered).toBe(0);
    }
    const during = await outboxStatus(db, session.org.id);
    expect(during.pending).toBe(100);
    expect(during.lastError).toContain("ECONNREFUSED");

    sink.state.down = false;
    clock += 10 * 60_000;
    const after = await drainAll(db, sink.deliver, { now: new Date(clock), organizationId: session.org.id });
    const mine = sink.received.filter((d) => d.organizationId === session.org.id);
    expect(after.delivered).toBeGreaterThanOrEqual(100);
    expect(mine).toHaveLength(100);
    expect(new Set(mine.map((d) => d.id)).size).toBe(100);
    expect(mine.map((d) => d.revisionId)).toEqual([...Array(100).keys()]);
    expect((await outboxStatus(db, session.org.id)).pending).toBe(0);

    // Nothing is sent twice once delivered.
    const again = await drainAll(db, sink.deliver, { now: new Date(clock + 3_600_000), organizationId: session.org.id });
    expect(sink.received.filter((d) => d.organizationId === session.org.id)).toHaveLength(100);
    expect(again.error).toBeUndefined();
  });

  it("waits for the backoff before retrying a failed entry", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    const organizationId = session.org.id;
    await enqueueMany(organizationId, session.org.slug, 1);
    const sink = flakySink();
    const t0 = Date.now() + 60_000;
    await drainAll(db, sink.deliver, { now: new Date(t0), organizationId });
    expect(sink.state.calls, "the first drain tries the entry once").toBe(1);
    sink.state.down = false;
    // Immediately after the failure the entry is not due yet: the sink is not even called.
    await drainAll(db, sink.deliver, { now: new Date(t0 + 500), organizationId });
    expect(sink.state.calls, "retried before its backoff").toBe(1);
    expect(sink.received).toHaveLength(0);
    const [row] = await db.select().from(syncOutbox).where(eq(syncOutbox.organizationId, organizationId));
    expect(row?.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(t0);
    // Once due, it is retried once and delivered.
    await drainAll(db, sink.deliver, { now: row!.nextAttemptAt, organizationId });
    expect(sink.state.calls).toBe(2);
    expect(sink.received.map((d) => d.revisionId)).toEqual([0]);
  });

  it("backs off exponentially up to five minutes", () => {
    const noJitter = () => 0;
    expect(backoffMs(1, noJitter)).toBe(2000);
    expect(backoffMs(3, noJitter)).toBe(8000);
    expect(backoffMs(30, noJitter)).toBe(300_000);
  });

  it("rolls the entry back with the change it belongs to", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueSync(tx, { kind: "page-remove", organizationId: session.org.id, orgSlug: session.org.slug, pageId: "1", revisionId: 1, data: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await outboxStatus(db, session.org.id)).pending).toBe(0);
  });
});

describe("sync outbox with a rejected entry", () => {
  it("parks the entry the sink refuses and delivers the rest in order", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    await enqueueMany(session.org.id, session.org.slug, 5);
    const received: number[] = [];
    const deliver = async (batch: Delivery[]) => {
      const mine = batch.filter((d) => d.organizationId === session.org.id);
      if (mine.some((d) => d.revisionId === 2)) {
        throw Object.assign(new Error("deliveries[2].data: invalid"), { retryable: false });
      }
      received.push(...mine.map((d) => d.revisionId));
    };
    const r = await drainAll(db, deliver, { now: new Date(Date.now() + 60_000), organizationId: session.org.id });
    expect(received).toEqual([0, 1, 3, 4]);
    expect(r.error).toContain("invalid");
    const status = await outboxStatus(db, session.org.id);
    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(/^rejected: /);
  });
});
