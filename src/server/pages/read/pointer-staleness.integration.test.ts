/**
 * The published pointer across processes (docs/read-path.md#staleness): this test process writes
 * (publish, import, org rename) and reads with held pointers; a second process on the same database
 * (src/server/pages/testing/reader-process.ts, its own module instances and holds) reads too. The
 * writer sees each change at once; the other process may keep the previous revision, but for at
 * most PUBLIC_POINTER_TTL_MS plus one lookup after the commit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { resolvePublicTenant } from "~/server/tenancy/public-tenant";
import { createTestOrg, testDb } from "~/test/helpers";
import { reimport, seedExamplePage, targetCsv } from "../testing/fixtures";
import { publicPageInfo } from "./public";

/** The other process's hold: long enough to see it hold, short enough to wait for. */
const OTHER_TTL_MS = 4000;
/** One lookup and the line round trip, on a busy machine. */
const SLACK_MS = 1500;

let child: ChildProcess;
const waiting = new Map<number, (a: Answer) => void>();
let nextId = 1;
let ready: Promise<void>;

interface Answer {
  found: boolean;
  error?: string;
  page?: { revision: number; orgName: string; cache: { targetVersion: number } };
  features?: string[] | null;
}

beforeAll(() => {
  // This process holds pointers too (tests default to 0; src/test/setup.ts).
  (env as { PUBLIC_POINTER_TTL_MS: number }).PUBLIC_POINTER_TTL_MS = 60_000;
  child = spawn("npx", ["tsx", "src/server/pages/testing/reader-process.ts"], {
    env: { ...process.env, PUBLIC_POINTER_TTL_MS: String(OTHER_TTL_MS), LOG_LEVEL: "silent" },
    stdio: ["pipe", "pipe", "inherit"],
    detached: true,
  });
  ready = new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`reader process exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const msg = JSON.parse(line) as Answer & { id?: number; ready?: boolean };
      if (msg.ready) resolve();
      else if (msg.id !== undefined) waiting.get(msg.id)?.(msg);
    });
  });
  return ready;
}, 60_000);

afterAll(() => {
  (env as { PUBLIC_POINTER_TTL_MS: number }).PUBLIC_POINTER_TTL_MS = 0;
  if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
});

function other(orgSlug: string, slug: string, path?: string[]): Promise<Answer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (a) => (a.error ? reject(new Error(a.error)) : resolve(a)));
    child.stdin!.write(`${JSON.stringify({ id, orgSlug, slug, path })}\n`);
  });
}

/** Polls the other process until `done`; returns how long after `since` it first held. */
async function seenWithin(since: number, read: () => Promise<Answer>, done: (a: Answer) => boolean): Promise<number> {
  for (;;) {
    const a = await read();
    if (done(a)) return Date.now() - since;
    if (Date.now() - since > OTHER_TTL_MS + 10_000) throw new Error(`not seen after ${Date.now() - since} ms: ${JSON.stringify(a)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function here(orgSlug: string, slug: string) {
  const org = await resolvePublicTenant(testDb(), { by: "slug", value: orgSlug, basePath: `/p/${orgSlug}` });
  return publicPageInfo(testDb(), org!, slug);
}

describe("the published pointer across two processes", () => {
  it("a publish, an import and an org rename here reach the other process within the bound", async () => {
    const org = await createTestOrg();
    const orgSlug = org.session.org.slug;
    const { page, targetDatasetId } = await seedExamplePage(org);
    await org.caller.pages.publish({ pageId: page.id });
    expect((await here(orgSlug, "llm-finder")).revision).toBe(1);
    expect((await other(orgSlug, "llm-finder", ["web"])).page!.revision).toBe(1);

    // Publish: seen here at once; the other process may hold revision 1, never past the bound.
    await org.caller.rules.create({ pageId: page.id, name: "Anthropic only", required: true, weight: 1, logic: { "==": [{ var: "target.provider" }, "anthropic"] } });
    await org.caller.pages.publish({ pageId: page.id });
    const published = Date.now();
    expect((await here(orgSlug, "llm-finder")).revision).toBe(2);
    const held = await other(orgSlug, "llm-finder", ["web"]);
    // It was read well inside its period: it still holds revision 1 (this is the staleness bounded here).
    expect(held.page!.revision).toBe(1);
    const afterPublish = await seenWithin(published, () => other(orgSlug, "llm-finder", ["web"]), (a) => a.page!.revision === 2);
    expect(afterPublish).toBeLessThanOrEqual(OTHER_TTL_MS + SLACK_MS);
    // …and what it then serves is the new revision's answer.
    expect((await other(orgSlug, "llm-finder", ["web"])).features).toContain("Anthropic only");

    // Import completion moves the target version.
    const before = (await here(orgSlug, "llm-finder")).cache.targetVersion;
    await reimport(org.caller, "targets", targetDatasetId, targetCsv.replace("gpt41,", "gpt41b,"));
    const imported = Date.now();
    expect((await here(orgSlug, "llm-finder")).cache.targetVersion).toBe(before + 1);
    const afterImport = await seenWithin(imported, () => other(orgSlug, "llm-finder"), (a) => a.page!.cache.targetVersion === before + 1);
    expect(afterImport).toBeLessThanOrEqual(OTHER_TTL_MS + SLACK_MS);

    // An organization change (its name) travels through the held tenant.
    await org.caller.org.update({ name: "Renamed Inc" });
    const renamed = Date.now();
    expect((await here(orgSlug, "llm-finder")).orgName).toBe("Renamed Inc");
    const afterRename = await seenWithin(renamed, () => other(orgSlug, "llm-finder"), (a) => a.page!.orgName === "Renamed Inc");
    expect(afterRename).toBeLessThanOrEqual(OTHER_TTL_MS + SLACK_MS);
  }, 60_000);
});
