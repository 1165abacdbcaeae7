import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabaseServer, findServerBinaries, pingRedis, probeDatabase, ensureRedis } from "./services";

const folder = mkdtempSync(path.join(os.tmpdir(), "compat-private-db-"));
// mariadbd may still be writing its last files when the test ends: retry while the folder is busy.
afterAll(() => rmSync(folder, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 }));

describe.skipIf(!findServerBinaries())("a private database server (what npm run dev / npm test start when none answers)", () => {
  it("initialises a data folder, serves root without a password on a free port, is reused, and stops", { timeout: 120_000 }, async () => {
    const first = await ensureDatabaseServer({ forcePrivate: true, folder });
    try {
      expect(first.server).toMatch(/^mysql:\/\/root@127\.0\.0\.1:\d+$/);
      expect(first.server).not.toBe("mysql://root@127.0.0.1:3306");
      expect(first.description).toContain("started now");
      expect(await probeDatabase(first.server)).toEqual({ ok: true });

      // A second run (npm test while npm run dev serves) reuses it and leaves it to its owner.
      const second = await ensureDatabaseServer({ forcePrivate: true, folder });
      expect(second.server).toBe(first.server);
      expect(second.description).toContain("reused");
      second.stop();
      expect(await probeDatabase(first.server)).toEqual({ ok: true });
    } finally {
      first.stop();
    }
    for (let i = 0; i < 60 && (await probeDatabase(first.server, 500)).ok; i++) await new Promise((r) => setTimeout(r, 250));
    expect((await probeDatabase(first.server, 500)).ok).toBe(false);
    // The server removes its pid file as the last step of a clean shutdown.
    const pidFile = path.join(folder, "mysqld.pid");
    for (let i = 0; i < 120 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 250));
    expect(existsSync(pidFile)).toBe(false);
  });
});

describe("Redis for the tests", () => {
  it("an explicit URL that does not answer is an error, not a silent fallback", async () => {
    expect(await pingRedis("redis://127.0.0.1:1", 300)).toBe(false);
    await expect(ensureRedis("redis://127.0.0.1:1")).rejects.toThrow(/does not answer PING/);
  });
});
