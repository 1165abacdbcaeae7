import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_HINT, findChromium } from "../../scripts/lib/services";

/**
 * False when `npm test` found no Chromium (it says so, with how to get one): browser tests skip.
 * The browser is CHROMIUM_PATH as `npm test` set it, else found the same way (scripts/lib/services.ts).
 */
export const browserAvailable = process.env.E2E_BROWSER !== "none";

function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(`Chromium not found: ${CHROMIUM_HINT}`);
  return found;
}

/**
 * Launches headless Chromium for end-to-end tests. `*.localhost` maps to 127.0.0.1 so tenant
 * subdomains (`demo.localhost:3100`) reach the test server without touching /etc/hosts.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--host-resolver-rules=MAP *.localhost 127.0.0.1",
    ],
  });
}

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../test-results/screenshots");

/** Saves a full-page PNG as `test-results/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; caret?: "hide" | "initial" } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9._-]+/gi, "-")}.png`);
  // `caret: "hide"` (Playwright's default) writes an inline `caret-color` on every input; taken
  // before hydration ends, React reports that as a hydration mismatch the app did not cause.
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true, caret: opts.caret ?? "hide" });
  return file;
}
