import { describe, expect, it } from "vitest";
import { seedExamplePage } from "~/server/pages/testing/fixtures";
import { createTestOrg } from "~/test/helpers";

/** Follows `nextCursor` from the first page to the last, `limit` at a time; the ids in order. */
async function walk(page: (cursor: number | undefined) => Promise<{ items: { id: number }[]; nextCursor: number | null }>) {
  const ids: number[] = [];
  let cursor: number | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const p = await page(cursor);
    ids.push(...p.items.map((i) => i.id));
    if (p.nextCursor === null) return ids;
    cursor = p.nextCursor;
  }
  throw new Error("the cursor never ran out");
}

describe("newest-first lists page by cursor without losing or repeating an entry", () => {
  it("org.audit, org.webhooks.deliveries and pages.changes, two at a time, give what one big page gives", async () => {
    const org = await createTestOrg({ tier: "team" });
    const c = org.caller;
    const { page, rules } = await seedExamplePage(org, { slug: "paged" });
    await c.pages.publish({ pageId: page.id });
    for (const [i, rule] of rules.entries()) {
      await c.rules.update({ id: rule.id, required: i % 2 === 0 ? false : true, weight: 5 + i });
      await c.pages.publish({ pageId: page.id, note: `step ${i}` });
    }
    const hook = await c.org.webhooks.create({ url: "http://127.0.0.1:9/paged", events: ["page.published"] });
    for (let i = 0; i < 5; i++) await c.org.webhooks.test({ id: hook.id });

    const lists: [string, (cursor: number | undefined, limit: number) => Promise<{ items: { id: number }[]; nextCursor: number | null }>][] = [
      ["org.audit", (cursor, limit) => c.org.audit({ cursor, limit })],
      ["org.webhooks.deliveries", (cursor, limit) => c.org.webhooks.deliveries({ id: hook.id, cursor, limit })],
      ["pages.changes", (cursor, limit) => c.pages.changes({ pageId: page.id, cursor, limit })],
    ];
    for (const [name, list] of lists) {
      const all = await list(undefined, 50);
      expect(all.nextCursor, name).toBeNull();
      expect(all.items.length, `${name}: too few entries to page through`).toBeGreaterThanOrEqual(3);
      expect(all.items.map((i) => i.id), `${name} is newest first`).toEqual(all.items.map((i) => i.id).sort((x, y) => y - x));
      expect(await walk((cursor) => list(cursor, 2)), name).toEqual(all.items.map((i) => i.id));
    }
  });
});
