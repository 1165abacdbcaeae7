import http from "node:http";
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type DbHandle } from "~/server/db/client";
import { organizations } from "~/server/db/schema";
import { browserAvailable, launchBrowser, screenshot } from "./browser";
import { freePort, request } from "./server";

/**
 * Embeds and badges (issue 16, docs/embeds.md) on a real server: a page served from ANOTHER origin
 * (a second local port) includes the one-line script; the embed renders in it and its iframe's
 * height follows the content as the visitor picks; the organization's embedOrigins setting turns
 * into frame-ancestors, which the browser enforces; the dashboard is never framed; the badge is an
 * image the browser renders.
 */
const baseUrl = inject("baseUrl");
const e2eDatabaseUrl = inject("e2eDatabaseUrl");

let host: http.Server;
let hostUrl: string;
let browser: Browser;
let dbh: DbHandle;
/** The host page's body, per path: set by each test. */
const hostPages = new Map<string, string>();

beforeAll(async () => {
  const port = await freePort();
  hostUrl = `http://127.0.0.1:${port}`;
  host = http.createServer((req, res) => {
    const body = hostPages.get(req.url ?? "/");
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html><body style="margin:0;font-family:sans-serif"><h1>A site elsewhere</h1>${body}<p id="after">After the embed</p></body></html>`);
  });
  await new Promise<void>((r) => host.listen(port, "127.0.0.1", r));
  dbh = createDb(e2eDatabaseUrl);
  if (browserAvailable) browser = await launchBrowser();
});

afterAll(async () => {
  await dbh?.db.update(organizations).set({ embedOrigins: null }).where(eq(organizations.slug, "demo"));
  await browser?.close();
  await dbh?.close();
  await new Promise<void>((r) => host.close(() => r()));
});

async function openHost(path: string, body: string, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; errors: string[] }> {
  hostPages.set(path, body);
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme });
  ctx.setDefaultNavigationTimeout(120_000);
  ctx.setDefaultTimeout(60_000);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${hostUrl}${path}`);
  return { page, errors };
}

/** Whether a computed colour is dark: `oklch(L C H)` with L in 0..1, or `rgb(r, g, b)`. */
function isDark(color: string): boolean {
  const n = color.match(/[\d.]+/g)!.map(Number);
  return color.startsWith("oklch") ? n[0]! < 0.5 : n[0]! + n[1]! + n[2]! < 200;
}

/** The iframe's height and its content's, once they agree (the script follows the embed's messages). */
async function heights(page: Page) {
  const frame = page.locator("iframe[data-compat-embed]");
  let last = { iframe: 0, content: -1 };
  await expect
    .poll(
      async () => {
        const iframe = await frame.evaluate((f) => f.getBoundingClientRect().height);
        const content = await page.frameLocator("iframe[data-compat-embed]").locator("[data-embed-root]").evaluate((el) => el.getBoundingClientRect().height);
        last = { iframe, content };
        return Math.abs(iframe - Math.ceil(content)) <= 1;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true);
  return last;
}

describe.skipIf(!browserAvailable)("embed script on another origin", () => {
  it("mounts the Finder, which renders and whose iframe height follows its content; theme=dark applies", async () => {
    const { page, errors } = await openHost("/finder", `<script src="${baseUrl}/p/demo/embed.js" data-page="llm-finder" data-theme="dark" async></script>`);
    const embed = page.frameLocator("iframe[data-compat-embed]");
    await embed.locator("[data-hydrated]").waitFor();
    expect(new URL(page.url()).origin).not.toBe(new URL(baseUrl).origin);
    const before = await heights(page);
    // Compact: no site header, the page's name and a link to the full page.
    await embed.getByText("Which LLM fits your app?").waitFor();
    expect(await embed.locator("header").count()).toBe(0);
    // Dark, although the browser's scheme is light.
    const bg = await embed.locator("[data-embed-root]").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(isDark(bg), `background ${bg}`).toBe(true);

    await embed.getByLabel("Category", { exact: true }).selectOption({ label: "Data extraction" });
    await embed.getByLabel("Client type", { exact: true }).selectOption({ label: "Backend service" });
    await embed.locator("#result-headline").waitFor();
    const after = await heights(page);
    console.log(`embed height: ${before.iframe}px before a selection, ${after.iframe}px with the result`);
    expect(after.iframe).toBeGreaterThan(before.iframe + 200);
    // The iframe never scrolls: the host page's text sits right below the whole embed.
    const below = await page.locator("#after").evaluate((el) => el.getBoundingClientRect().top);
    const frameBottom = await page.locator("iframe[data-compat-embed]").evaluate((f) => f.getBoundingClientRect().bottom);
    expect(below).toBeGreaterThanOrEqual(frameBottom);
    await screenshot(page, "embed-finder-other-origin");
    expect(errors).toEqual([]);
  });

  it("mounts one pair with its verdict (light theme, although the browser's scheme is dark)", async () => {
    const { page } = await openHost("/pair", `<script src="${baseUrl}/p/demo/embed.js" data-page="llm-finder" data-source="invoice-extractor" data-target="claude-sonnet-4" data-theme="light"></script>`, "dark");
    const embed = page.frameLocator("iframe[data-compat-embed]");
    await embed.getByText("Invoice data extractor × Claude Sonnet 4").waitFor();
    const check = JSON.parse((await request(baseUrl, "/p/demo/api/v1/pages/llm-finder/check?source=invoice-extractor&target=claude-sonnet-4")).body) as { verdict: 0 | 1 | 2 };
    await embed.getByText({ 2: "Compatible", 1: "Partially compatible", 0: "Incompatible" }[check.verdict], { exact: false }).first().waitFor();
    await heights(page);
    const bg = await embed.locator("[data-embed-root]").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(isDark(bg), `background ${bg}`).toBe(false);
  });

  it("embeds the Matrix too; an unknown page is a 404", async () => {
    const matrix = await request(baseUrl, "/p/demo/embed/llm-matrix?theme=auto");
    expect(matrix.status).toBe(200);
    expect(matrix.body).toContain("data-embed-root");
    expect(matrix.body).toContain("LLM compatibility matrix");
    expect((await request(baseUrl, "/p/demo/embed/no-such-page")).status).toBe(404);
  });

  it("the organization's embedOrigins setting becomes frame-ancestors, and the browser refuses other sites", async () => {
    const embedPath = "/p/demo/embed/llm-finder";
    expect((await request(baseUrl, embedPath)).headers["content-security-policy"]).toBe("frame-ancestors *");
    await dbh.db.update(organizations).set({ embedOrigins: ["https://docs.example.com"] }).where(eq(organizations.slug, "demo"));
    // The server holds the tenant for PUBLIC_POINTER_TTL_MS (1 s by default).
    await expect.poll(async () => (await request(baseUrl, embedPath)).headers["content-security-policy"], { timeout: 10_000 }).toBe("frame-ancestors https://docs.example.com");
    expect((await request(baseUrl, "/p/demo/llm-finder")).headers["content-security-policy"]).toBe("frame-ancestors https://docs.example.com");

    const { page } = await openHost("/refused", `<script src="${baseUrl}/p/demo/embed.js" data-page="llm-finder"></script>`);
    await page.locator("iframe[data-compat-embed]").waitFor();
    await page.waitForTimeout(3000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Blocked: the frame never gets the embed's document.
    expect(await frame?.locator("[data-embed-root]").count().catch(() => 0)).toBe(0);

    await dbh.db.update(organizations).set({ embedOrigins: [new URL(hostUrl).origin] }).where(eq(organizations.slug, "demo"));
    await expect.poll(async () => (await request(baseUrl, embedPath)).headers["content-security-policy"], { timeout: 10_000 }).toBe(`frame-ancestors ${new URL(hostUrl).origin}`);
    const allowed = await openHost("/allowed", `<script src="${baseUrl}/p/demo/embed.js" data-page="llm-finder"></script>`);
    await allowed.page.frameLocator("iframe[data-compat-embed]").locator("[data-embed-root]").waitFor();
    await dbh.db.update(organizations).set({ embedOrigins: null }).where(eq(organizations.slug, "demo"));
  });

  it("the dashboard is never framed; the badge renders as an image on another site", async () => {
    const dash = await request(baseUrl, "/");
    expect(dash.headers["content-security-policy"]).toBe("frame-ancestors 'none'");
    expect(dash.headers["x-frame-options"]).toBe("DENY");

    const badge = `${baseUrl}/p/demo/badge/llm-finder.svg?source=invoice-extractor&target=claude-sonnet-4`;
    const res = await request(baseUrl, badge);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(res.body).toMatch(/Claude Sonnet 4/);
    const { page } = await openHost("/badge", `<img id="badge" alt="badge" src="${badge}">`);
    await expect.poll(() => page.locator("#badge").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
  });
});
