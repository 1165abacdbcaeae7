import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";

/**
 * The public pages tell the truth at a glance (issue 12): ranked by verdict, a headline that is
 * the counts, no score bar that reads as an overall rating, views that survive a reload, a demo
 * Matrix that is not mostly "data missing", and a suggested change that really makes a pair
 * compatible when the server re-checks it.
 */
const baseUrl = inject("baseUrl");
const FINDER = `${baseUrl}/p/demo/llm-finder`;
const MATRIX = `${baseUrl}/p/demo/llm-matrix`;
const INVOICE = `${FINDER}?path=Data+extraction&path=backend&path=invoice-extractor`;
const RANK = { compatible: 2, partial: 1, incompatible: 0 } as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(url: string, opts: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, colorScheme: opts.dark ? "dark" : "light" });
  ctx.setDefaultNavigationTimeout(120_000);
  ctx.setDefaultTimeout(60_000);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator("[data-hydrated]").or(page.getByRole("grid")).first().waitFor();
  return { page, errors };
}

const verdicts = (page: Page) => page.locator("li[data-verdict]").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.verdict as "compatible" | "partial" | "incompatible"));

describe("Finder tells the truth", () => {
  it("lists targets by verdict by default, and the headline's counts are the list's counts", async () => {
    const { page, errors } = await open(INVOICE);
    await page.locator("li[data-verdict]").first().waitFor();
    const order = await verdicts(page);
    expect(order.length).toBeGreaterThan(30);
    const ranks = order.map((v) => RANK[v]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // Grouping is a label on each target, not the ranking: the first targets come from several providers.
    const groups = await page.locator("li[data-verdict] summary p.text-xs").evaluateAll((els) => els.slice(0, 12).map((e) => e.textContent!.split(" · ")[0]));
    expect(new Set(groups).size).toBeGreaterThan(1);

    const listed = { compatible: 0, partial: 0, incompatible: 0 };
    for (const v of order) listed[v]++;
    const tile = async (k: string) => Number(await page.locator(`[data-count="${k}"] dd`).textContent());
    expect({ compatible: await tile("compatible"), partial: await tile("partial"), incompatible: await tile("incompatible") }).toEqual(listed);
    const headline = `${await page.locator("#result-headline").textContent()} ${await page.getByTestId("headline-subtitle").textContent()}`;
    const total = order.length;
    expect(headline).toContain(`${listed.compatible} of ${total} fit`);
    if (listed.partial) expect(headline).toContain(`${listed.partial} partly`);
    if (listed.incompatible) expect(headline).toContain(`${listed.incompatible} don't`);
    expect(errors).toEqual([]);
  });

  it("shows no score bar, only 'x of y optional features', on partial and incompatible targets", async () => {
    const { page } = await open(INVOICE);
    await page.locator("li[data-verdict]").first().waitFor();
    const bad = page.locator('li[data-verdict="partial"], li[data-verdict="incompatible"]');
    expect(await bad.count()).toBeGreaterThan(0);
    expect(await bad.locator('[role="progressbar"], [style*="width: 100%"]').count()).toBe(0);
    for (const text of await bad.getByTestId("optional-score").allTextContents()) expect(text).toMatch(/^\d+ of \d+ optional features?$/);
    // Each target says its verdict first.
    const first = await bad.first().locator("summary > *").first().textContent();
    expect(first).toMatch(/Partial|Incompatible/);
  });

  it("keeps a filter and a sort through a reload (they live in the URL)", async () => {
    const { page } = await open(INVOICE);
    await page.locator("li[data-verdict]").first().waitFor();
    await page.getByLabel("Show", { exact: true }).selectOption("fit");
    await page.getByLabel("Sort by", { exact: true }).selectOption("inputPricePerMTok-asc");
    await page.waitForURL(/show=fit/);
    await page.waitForURL(/sort=inputPricePerMTok-asc/);
    await page.reload();
    await page.locator("li[data-verdict]").first().waitFor();
    await expect(page.getByLabel("Show", { exact: true }).inputValue()).resolves.toBe("fit");
    await expect(page.getByLabel("Sort by", { exact: true }).inputValue()).resolves.toBe("inputPricePerMTok-asc");
    expect(await verdicts(page)).not.toContain("incompatible");
    const prices = await page.locator("li[data-verdict] dl > div:nth-child(2) dd").allTextContents();
    const numbers = prices.filter((p) => p !== "—").map((p) => Number(p.replace(/[^0-9.]/g, "")));
    expect(numbers.length).toBeGreaterThan(3);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("suggests a change for a failing pair that, checked again by the server, is compatible", async () => {
    const { page } = await open(INVOICE);
    const item = page.locator('li[data-target="deepseek-v3"]');
    await item.waitFor();
    await expect(item.getAttribute("data-verdict")).resolves.toBe("incompatible");
    await item.locator("summary").click();
    await expect(item.getByTestId("fix").first().textContent()).resolves.toMatch(/passes if/);
    await item.getByTestId("try-change").click();
    const tried = item.getByTestId("tried-verdict");
    await tried.waitFor();
    await expect(tried.textContent()).resolves.toMatch(/Needs structured outputs: yes → no.*Compatible/);
    // Plain words, not field names.
    await expect(item.textContent()).resolves.not.toMatch(/source\.|target\./);
  });
});

describe("Matrix", () => {
  it("has under 5 % data-missing cells on the demo, and its searches survive a reload", async () => {
    const { page, errors } = await open(MATRIX, { width: 1440 });
    await page.getByRole("gridcell").first().waitFor();
    const labels = await page.getByRole("gridcell").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    expect(labels.length).toBeGreaterThan(200);
    const missing = labels.filter((l) => /data missing/i.test(l)).length;
    expect(missing / labels.length).toBeLessThan(0.05);

    await page.getByLabel("Search columns").fill("claude");
    await page.waitForURL(/cq=claude/);
    await page.reload();
    await page.getByRole("gridcell").first().waitFor();
    await expect(page.getByLabel("Search columns").inputValue()).resolves.toBe("claude");
    const headers = await page.locator('[role="columnheader"][title]').evaluateAll((els) => els.map((e) => e.getAttribute("title")));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(h).toMatch(/Claude|Anthropic/);
    expect(errors).toEqual([]);
  });
});

describe("screenshots", () => {
  for (const width of [390, 1440]) {
    for (const dark of [false, true]) {
      const tag = `${width}-${dark ? "dark" : "light"}`;
      it(`Finder and Matrix at ${tag}`, async () => {
        const finder = await open(INVOICE, { width, dark });
        await finder.page.locator("li[data-verdict]").first().waitFor();
        await finder.page.locator('li[data-target="deepseek-v3"] summary').click();
        await finder.page.getByTestId("try-change").first().waitFor();
        await screenshot(finder.page, `truth-finder-${tag}`);
        const matrix = await open(MATRIX, { width, dark });
        await matrix.page.getByRole("gridcell").first().waitFor();
        await screenshot(matrix.page, `truth-matrix-${tag}`);
      });
    }
  }
});
