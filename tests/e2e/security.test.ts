import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiClient, type ApiClient } from "~/trpc/client";
import { browserAvailable, launchBrowser, screenshot } from "./browser";
import { request } from "./server";

/**
 * Security, end to end (SECURITY.md): tenant text with markup renders as text on a public page,
 * written the way an internal script writes it — an API key from `scripts/api-key.ts`, then the
 * typed client over HTTP — and published; plus the HTTP-level guards a browser relies on.
 */

const baseUrl = inject("baseUrl");
const IMG = "<img src=x onerror=window.__xss=1>";
const SCRIPT = "<script>window.__xss=1</script>";
const BOTH = `${IMG}${SCRIPT}`;

let browser: Browser;
let api: ApiClient;
let apiKey: string;
let orgSlug: string;

beforeAll(async () => {
  orgSlug = `sec${Date.now().toString(36)}`;
  const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/api-key.ts", "create", "--org", orgSlug, "--tier", "team"], {
    env: { ...process.env, DATABASE_URL: inject("e2eDatabaseUrl") },
  });
  apiKey = stdout.trim().split("\n").at(-1)!;
  expect(apiKey).toMatch(/^cpk_/);
  api = createApiClient({ url: baseUrl, apiKey });
  if (browserAvailable) browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Builds and publishes a Finder whose page name, target label, rule name and override note carry markup. */
async function publishHostilePage(): Promise<{ slug: string }> {
  const source = await api.sources.definitions.create.mutate({
    slug: "apps",
    name: "Apps",
    schema: {
      dimensions: ["kind"],
      labelField: "name",
      fields: [
        { name: "id", type: "string", required: true },
        { name: "name", type: "string", required: true },
        { name: "kind", type: "string", required: true },
        { name: "needsTools", type: "boolean", required: false },
      ],
    },
  });
  const target = await api.targets.definitions.create.mutate({
    slug: "models",
    name: "Models",
    schema: {
      labelField: "label",
      fields: [
        { name: "id", type: "string", required: true },
        { name: "label", type: "string", required: true },
        { name: "tools", type: "boolean", required: false },
      ],
    },
  });
  const sds = await api.sources.datasets.create.mutate({ definitionId: source.id, name: "Apps" });
  const tds = await api.targets.datasets.create.mutate({ definitionId: target.id, name: "Models" });
  const s = await api.sources.datasets.import.mutate({ datasetId: sds.id, format: "json", wait: true, content: JSON.stringify([{ id: "a1", name: `App ${IMG}`, kind: "web", needsTools: true }]) });
  const t = await api.targets.datasets.import.mutate({
    datasetId: tds.id,
    format: "json",
    wait: true,
    content: JSON.stringify([
      { id: "m1", label: `Model ${IMG}`, tools: true },
      { id: "m2", label: `Model ${SCRIPT}`, tools: false },
    ]),
  });
  expect([s.import?.status, t.import?.status]).toEqual(["completed", "completed"]);
  const page = await api.pages.create.mutate({ slug: "hostile", name: `Finder ${BOTH}`, template: "finder", sourceDatasetId: sds.id, targetDatasetId: tds.id });
  await api.rules.create.mutate({ pageId: page.id, name: `Tools ${BOTH}`, required: false, weight: 1, logic: { "==": [{ var: "target.tools" }, true] } });
  await api.overrides.upsert.mutate({ pageId: page.id, sourceKey: null, targetKey: "m2", verdict: 1, note: `Note ${BOTH}` });
  await api.pages.publish.mutate({ pageId: page.id });
  return { slug: page.slug };
}

async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  // No element was made out of tenant text (the app itself renders no <img>/<script> in main).
  expect(await page.locator("main img, main script").count()).toBe(0);
}

describe.skipIf(!browserAvailable)("tenant text on a public page", () => {
  it("page name, target labels, rule names and override notes render literally; nothing runs", async () => {
    const { slug } = await publishHostilePage();
    // next dev compiles the tenant route on first use; on a busy machine that takes a while.
    await request(baseUrl, `/p/${orgSlug}/${slug}`);
    const page = await browser.newPage();
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(150_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });

    await page.goto(`${baseUrl}/p/${orgSlug}/${slug}`);
    await page.locator("[data-hydrated]").waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`Finder ${BOTH}`);
    await expectInert(page);

    // The selection from the URL (server render), then the client render after picking it.
    await page.goto(`${baseUrl}/p/${orgSlug}/${slug}?path=web`);
    await page.locator("[data-hydrated]").waitFor();
    await page.locator("#result-headline").waitFor();
    await page.getByText(`Model ${IMG}`, { exact: false }).first().waitFor();
    await page.getByText(`Model ${SCRIPT}`, { exact: false }).first().waitFor();
    // Notes and the per-rule breakdown sit inside each target's <details>.
    for (const summary of await page.locator("details summary").all()) await summary.click();
    // The rule name is also an <option> of the "must meet" picker (hidden until opened), so look inside the breakdowns.
    const breakdowns = page.locator("details");
    await breakdowns.getByText(`Note ${BOTH}`, { exact: false }).first().waitFor();
    await breakdowns.getByText(`Tools ${BOTH}`, { exact: false }).first().waitFor();
    for (const text of [`Model ${IMG}`, `Model ${SCRIPT}`, `Tools ${BOTH}`, `Note ${BOTH}`]) {
      expect(await breakdowns.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    }
    expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    await page.locator("option", { hasText: `Tools ${BOTH}` }).first().waitFor({ state: "attached" });
    await expectInert(page);
    await screenshot(page, "security-hostile-finder");

    // The raw HTML the server sent escapes it too (no tag made it through the server render).
    const html = (await request(baseUrl, `/p/${orgSlug}/${slug}?path=web`)).body;
    expect(html).not.toContain(IMG);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain("&lt;img src=x onerror=window.__xss=1&gt;");

    expect(dialogs).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("HTTP guards", () => {
  it("the typed client with a revoked key is refused; a forged tenant header reaches nothing", async () => {
    const key = await api.org.apiKeys.create.mutate({ name: "to revoke" });
    const other = createApiClient({ url: baseUrl, apiKey: key.key });
    await expect(other.org.me.query()).resolves.toMatchObject({ organization: { slug: orgSlug } });
    await api.org.apiKeys.revoke.mutate({ id: key.id });
    await expect(other.org.me.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });

    const input = encodeURIComponent(JSON.stringify({ json: { slug: "hostile" } }));
    const forged = await request(baseUrl, `/api/trpc/public.page?input=${input}`, {
      headers: { "x-compat-tenant": JSON.stringify({ by: "slug", value: orgSlug, basePath: `/p/${orgSlug}` }) },
    });
    expect(forged.status).toBe(404);
    expect((await request(baseUrl, `/p/${orgSlug}/api/trpc/public.page?input=${input}`)).status).toBe(200);
  });

  it("dev sign-in is served in development only (the harness runs next dev); errors carry no stack", async () => {
    const r = await request(baseUrl, "/api/trpc/auth.devSignIn", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { email: "not-an-email" } }) });
    expect(r.status).toBe(400);
    expect(r.body).not.toMatch(/"stack"\s*:\s*"/);
  });
});
