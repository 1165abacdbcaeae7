import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { request } from "./server";

const baseUrl = inject("baseUrl");
const port = new URL(baseUrl).port;

/** The two ways a visitor reaches the demo tenant's pages. */
const FORMS = [
  { name: "subdomain", base: `http://demo.localhost:${port}`, api: `http://demo.localhost:${port}/api/trpc/` },
  { name: "path", base: `${baseUrl}/p/demo`, api: `${baseUrl}/p/demo/api/trpc/` },
] as const;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // `next dev` compiles a route on its first visit; give it time.
  context.setDefaultNavigationTimeout(120_000);
  context.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await browser?.close();
});

/** A page that fails the test on any uncaught error in the browser and records API calls. */
async function openPage(ctx: BrowserContext = context): Promise<{ page: Page; apiCalls: string[]; errors: string[] }> {
  const page = await ctx.newPage();
  const apiCalls: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => r.url().includes("/api/trpc/") && apiCalls.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, apiCalls, errors };
}

/** Client components are interactive (history and dropdowns handled by React, not the bare HTML). */
async function hydrated(page: Page) {
  await page.locator("[data-hydrated]").waitFor();
}

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

describe.each(FORMS)("Finder on the $name form", (form) => {
  it("drives the cascade to a result that the URL reproduces", async () => {
    const { page, apiCalls, errors } = await openPage();
    await page.goto(`${form.base}/llm-finder`);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Which LLM fits your app?");
    await page.getByText("Start with your setup").waitFor();

    await pick(page, "Category", "Coding assistant");
    await page.waitForURL(/\?path=Coding\+assistant$/);
    await page.getByText("Almost there").waitFor();

    await pick(page, "Client type", "Desktop app");
    await page.waitForURL(/\?path=Coding\+assistant&path=desktop$/);
    const headline = page.locator("#result-headline");
    await headline.waitFor();
    const headlineText = await headline.textContent();
    expect(headlineText).toMatch(/models fit|No model fits|None of the/);

    const targets = page.getByRole("list", { name: /Targets|OpenAI|Anthropic/ }).first().locator(":scope > li");
    expect(await page.locator("details").count()).toBeGreaterThan(5);
    const firstLabel = await page.locator("details summary p").first().textContent();
    await page.locator("details summary").first().click();
    await page.getByRole("list", { name: `Features of ${firstLabel}` }).waitFor();
    void targets;
    await screenshot(page, `finder-${form.name}-result`);

    // Client-side calls carry the tenant in the URL: `/p/demo/api/trpc` on the path form.
    expect(apiCalls.length).toBeGreaterThan(0);
    for (const url of apiCalls) expect(url.startsWith(form.api)).toBe(true);

    // A reload (server render from the URL alone) shows the same view.
    await page.reload();
    await hydrated(page);
    await expect(page.locator("#result-headline").textContent()).resolves.toBe(headlineText);
    await expect(page.locator("details summary p").first().textContent()).resolves.toBe(firstLabel);
    await expect(page.getByLabel("Client type", { exact: true }).inputValue()).resolves.toBe("desktop");

    // Back goes to the previous selection, forward returns.
    await page.goBack();
    await page.waitForURL(/\?path=Coding\+assistant$/);
    await page.getByText("Almost there").waitFor();
    await page.goForward();
    await page.locator("#result-headline").waitFor();

    // The last level is the app itself: picking it narrows the result to that one entry.
    await page.getByText(/\d+ matching entries/).waitFor();
    await pick(page, "App", "IDE coding agent");
    await page.waitForURL(/\?path=Coding\+assistant&path=desktop&path=ide-coding-agent$/);
    await page.getByText(/matching entries/).waitFor({ state: "detached" });
    await page.getByText(/Checked against \d+ targets/).waitFor();
    await screenshot(page, `finder-${form.name}-entry`);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("Finder", () => {
  it("server-renders the result of a linked selection (no client fetch needed for first paint)", async () => {
    const r = await request(baseUrl, "/p/demo/llm-finder?path=Voice+agent&path=backend");
    expect(r.status).toBe(200);
    expect(r.body).toContain('id="result-headline"');
    // Every dropdown of a shared link — the entry level too — arrives with its options, none "Loading…".
    expect(r.body).not.toMatch(/>Loading…</);
  });

  it("works on a phone-sized screen and from the keyboard", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    phone.setDefaultNavigationTimeout(120_000);
    phone.setDefaultTimeout(60_000);
    const { page } = await openPage(phone);
    await page.goto(`${baseUrl}/p/demo/llm-finder`);
    await hydrated(page);
    await page.getByLabel("Category", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await pick(page, "Category", "Document analysis");
    await pick(page, "Client type", "Web app");
    await page.locator("#result-headline").waitFor();
    // Nothing overflows sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "finder-phone", { fullPage: false });
    // Keyboard: a target's details open with Enter on its summary.
    await page.locator("details summary").first().focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("details[open]").count()).toBe(1);
    await screenshot(page, "finder-phone-details");
    await phone.close();
  });

  it("answers 404 for a page the tenant does not have", async () => {
    const r = await request(baseUrl, "/p/demo/no-such-page");
    expect(r.status).toBe(404);
    expect(r.body).toContain("Page not found");
    const other = await request(baseUrl, "/p/no-such-org/llm-finder");
    expect(other.status).toBe(404);
  });
});

describe.each(FORMS)("Matrix on the $name form", (form) => {
  it("shows grouped columns, tooltips, filters and keyboard movement", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${form.base}/llm-matrix`);
    const grid = page.getByRole("grid", { name: "Compatibility matrix" });
    await grid.waitFor();
    await page.getByRole("columnheader", { name: "Anthropic" }).waitFor();
    const cells = grid.getByRole("gridcell");
    expect(await cells.count()).toBeGreaterThan(20);
    expect(await cells.first().getAttribute("aria-label")).toMatch(/Compatible|Partial|Incompatible|data missing/);

    await cells.nth(3).hover();
    const tip = page.getByRole("tooltip");
    await tip.waitFor();
    expect(await tip.textContent()).toContain("×");
    await screenshot(page, `matrix-${form.name}`, { fullPage: false });

    // Keyboard: focus the grid, move right; the active cell's details show.
    await grid.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    expect(await grid.getAttribute("aria-activedescendant")).toBeTruthy();
    await tip.waitFor();

    // Filters: problem rows only; then one group of columns.
    const total = Number((await page.getByText(/rows ×/).textContent())!.match(/^([\d,]+)/)![1]!.replace(/,/g, ""));
    await page.getByLabel(/Only rows with partial/).check();
    await page.getByText(/rows match/).waitFor();
    await page.getByLabel("Group").selectOption({ label: "Anthropic" });
    const headers = await grid.getByRole("columnheader").allTextContents();
    expect(headers.join(" ")).toContain("Anthropic");
    expect(headers.join(" ")).not.toContain("Google");
    expect(total).toBeGreaterThan(0);
    await screenshot(page, `matrix-${form.name}-filtered`, { fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Markup in every tenant-supplied string: it must come out as text, never as elements or script. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

/**
 * A second tenant whose names, labels, values and messages are all markup, built through the
 * API in-process (as the demo seed does), with more than 12 values on one level so the Finder
 * uses its searchable combobox.
 */
async function seedHostileTenant(): Promise<string> {
  const { createDb } = await import("~/server/db/client");
  const { createCaller } = await import("~/server/api/root");
  const { createInnerContext } = await import("~/server/api/trpc");
  const { upsertOrganization } = await import("~/server/org/orgs");
  const handle = createDb(inject("e2eDatabaseUrl"));
  try {
    const slug = `hostile${Date.now().toString(36)}`;
    const org = await upsertOrganization(handle.db, { id: `org_${slug}`, name: `${HOSTILE} Org`, slug, planTier: "team" });
    const api = createCaller(createInnerContext({ db: handle.db, session: { org, role: "admin", actor: { type: "system", id: "e2e" }, via: "api_key" } }));

    const families = [HOSTILE, ...Array.from({ length: 15 }, (_, i) => `Family ${String(i + 1).padStart(2, "0")}`)];
    const sources = families.map((family, i) => ({ id: `s${i}`, name: i === 0 ? `${HOSTILE} app` : `App ${i}`, family, needsFast: i % 2 === 0 }));
    const targets = [
      { id: "t1", name: `${HOSTILE} model`, provider: HOSTILE, fast: true },
      { id: "t2", name: "Slow model", provider: "Plain Co", fast: false },
    ];
    const sourceDef = await api.sources.definitions.create({
      slug: "things",
      name: "Things",
      schema: {
        dimensions: ["family"],
        labelField: "name",
        fields: [
          { name: "id", type: "string", required: true },
          { name: "name", type: "string", required: true },
          { name: "family", type: "string", required: true, label: `${HOSTILE} Family` },
          { name: "needsFast", type: "boolean", required: false },
        ],
      },
    });
    const targetDef = await api.targets.definitions.create({
      slug: "models",
      name: "Models",
      schema: {
        labelField: "name",
        fields: [
          { name: "id", type: "string", required: true },
          { name: "name", type: "string", required: true },
          { name: "provider", type: "string", required: true },
          { name: "fast", type: "boolean", required: false },
        ],
      },
    });
    const sourceDs = await api.sources.datasets.create({ definitionId: sourceDef.id, name: "Things" });
    const targetDs = await api.targets.datasets.create({ definitionId: targetDef.id, name: "Models" });
    await api.sources.datasets.import({ datasetId: sourceDs.id, format: "json", content: JSON.stringify(sources), wait: true });
    await api.targets.datasets.import({ datasetId: targetDs.id, format: "json", content: JSON.stringify(targets), wait: true });
    const page = await api.pages.create({
      slug: "finder",
      name: `${HOSTILE} Finder`,
      template: "finder",
      sourceDatasetId: sourceDs.id,
      targetDatasetId: targetDs.id,
      devicePolicy: { groupBy: "provider" },
      messaging: { headline2: `${HOSTILE} yes`, headline1: `${HOSTILE} maybe`, headline0: `${HOSTILE} no` },
    });
    await api.rules.create({
      pageId: page.id,
      name: `${HOSTILE} speed`,
      required: true,
      weight: 1,
      logic: { or: [{ "!": { var: "source.needsFast" } }, { "==": [{ var: "target.fast" }, true] }] },
    });
    await api.pages.publish({ pageId: page.id });
    return slug;
  } finally {
    await handle.close();
  }
}

describe("tenant-supplied text", () => {
  it("renders markup in names, values and messages as text, and long levels get a searchable combobox", async () => {
    const org = await seedHostileTenant();
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}/p/${org}/finder`);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`${HOSTILE} Finder`);

    // 16 values: a combobox with type-to-filter, operated from the keyboard (the entry level after
    // it is a plain select, also a "combobox" to assistive tech, hence the text-input filter).
    const combo = page.locator('input[role="combobox"]');
    await combo.click();
    await page.getByRole("listbox").waitFor();
    expect(await page.getByRole("listbox").getByRole("option").count()).toBe(16);
    await combo.fill("onerror");
    expect(await page.getByRole("listbox").getByRole("option").count()).toBe(1);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.locator("#result-headline").waitFor();
    // The headline itself is computed from the counts; the admin's messaging is shown beneath it.
    await expect(page.locator('section[aria-labelledby="result-headline"]').first().textContent()).resolves.toContain(HOSTILE);
    await page.locator("details summary").first().click();
    // Feature names now reach the visitor through the "must meet" feature picker (breakdowns speak in sentences).
    await page.locator("option", { hasText: `${HOSTILE} speed` }).first().waitFor({ state: "attached" });
    await expect(page.getByText(`${HOSTILE} model`).first().isVisible()).resolves.toBe(true);

    // Nothing ran and no element was injected.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    await screenshot(page, "finder-hostile-text");

    // The same on a fresh server render of the linked selection.
    await page.reload();
    await hydrated(page);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
