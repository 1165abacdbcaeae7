import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiClient, type ApiClient } from "~/trpc/client";
import { browserAvailable, launchBrowser, screenshot } from "./browser";
import { createAppsModelsPage } from "./fixtures";
import { request } from "./server";

/**
 * Issue 15 in a browser: a visitor opens a page's changelog, follows an entry to the page "as of"
 * that revision (labelled, read-only, its own verdicts), and back to the current page.
 */
const baseUrl = inject("baseUrl");
let browser: Browser;
let api: ApiClient;
let orgSlug: string;

beforeAll(async () => {
  orgSlug = `chg${Date.now().toString(36)}`;
  const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/api-key.ts", "create", "--org", orgSlug, "--tier", "team"], {
    env: { ...process.env, DATABASE_URL: inject("e2eDatabaseUrl") },
  });
  api = createApiClient({ url: baseUrl, apiKey: stdout.trim().split("\n").at(-1)! });
  if (browserAvailable) browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Two revisions: in the first every model fits, the second's rule (with a note) turns them all down. */
async function publishTwice(): Promise<string> {
  const page = await createAppsModelsPage(
    api,
    { slug: "models", name: "Models for apps" },
    {
      apps: [{ id: "a1", name: "Chat app", kind: "web" }],
      models: [
        { id: "m1", label: "Model One", tools: false },
        { id: "m2", label: "Model Two", tools: false },
      ],
    },
  );
  const rule = await api.rules.create.mutate({ pageId: page.id, name: "Tool calling", required: true, weight: 1, logic: { "==": [{ var: "target.tools" }, false] } });
  await api.pages.publish.mutate({ pageId: page.id, note: "First version" });
  await api.rules.update.mutate({ id: rule.id, logic: { "==": [{ var: "target.tools" }, true] } });
  await api.pages.publish.mutate({ pageId: page.id, note: "Tool calling is now required" });
  return page.slug;
}

describe.skipIf(!browserAvailable)("the changelog and the page as of a past revision", () => {
  it("lists both publishes; 'View revision 1' shows that revision labelled and read-only, and leads back to the current page", async () => {
    const slug = await publishTwice();
    await request(baseUrl, `/p/${orgSlug}/${slug}/changes`); // next dev compiles the route on first use
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(150_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/p/${orgSlug}/${slug}/changes`);
    const entries = page.getByTestId("change-entry");
    await entries.first().waitFor();
    expect(await entries.count()).toBe(2);
    await expect(entries.first().textContent()).resolves.toContain("Tool calling is now required");
    await screenshot(page, "changes-changelog");

    // The older entry's link opens revision 1, labelled as the past and with its own verdicts.
    await entries.nth(1).getByTestId("as-of-link").click();
    await page.waitForURL(/revision=1/);
    const notice = page.getByRole("note", { name: "Past revision" });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/revision 1.*current page is revision 2/s);
    await page.locator("[data-hydrated]").waitFor();
    await page.getByLabel("kind", { exact: true }).selectOption("web");
    await page.locator('[data-target="m1"]').waitFor();
    expect(await page.locator("[data-verdict]").evaluateAll((els) => els.map((e) => e.getAttribute("data-verdict")))).toEqual(["compatible", "compatible"]);
    // Read-only: no "what would make it compatible" for a past revision, and the URL keeps the revision.
    expect(page.url()).toMatch(/revision=1/);
    await screenshot(page, "changes-as-of-revision-1");

    await notice.getByRole("link", { name: "See the current version" }).click();
    await page.waitForURL((u) => !u.search.includes("revision"));
    await page.locator('[data-target="m1"]').waitFor();
    expect(await page.getByRole("note", { name: "Past revision" }).count()).toBe(0);
    expect(await page.locator("[data-verdict]").evaluateAll((els) => els.map((e) => e.getAttribute("data-verdict")))).toEqual(["incompatible", "incompatible"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a revision that was never published is a 404", async () => {
    const r = await request(baseUrl, `/p/${orgSlug}/models?revision=9`);
    expect(r.status).toBe(404);
  });
});
