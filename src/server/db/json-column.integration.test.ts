import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organizations } from "~/server/db/schema";
import { createTestOrg, testDb } from "~/test/helpers";

describe("JSON columns", () => {
  it("read back as objects, not strings, on this server", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    const limits = { sourceSchemas: 5, nested: null } as never;
    await db.update(organizations).set({ usageLimits: limits }).where(eq(organizations.id, session.org.id));
    const [row] = await db.select({ v: organizations.usageLimits }).from(organizations).where(eq(organizations.id, session.org.id));
    expect(row?.v).toEqual({ sourceSchemas: 5, nested: null });
  });

  it("parse a value the server hands back as text (MariaDB LONGTEXT)", async () => {
    const { session } = await createTestOrg();
    const db = testDb();
    // Written as raw text, bypassing the column's serializer, as another client would.
    await db.execute(sql`update organizations set usage_limits = ${'{"rulesPerPage":3}'} where id = ${session.org.id}`);
    const [row] = await db.select({ v: organizations.usageLimits }).from(organizations).where(eq(organizations.id, session.org.id));
    expect(row?.v).toEqual({ rulesPerPage: 3 });
  });
});
