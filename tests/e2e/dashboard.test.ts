/**
 * The admin's main flow in a real browser, on a fresh organization: sign in (creating a team org)
 * → both schemas (form and JSON view) → both CSV imports (progress seen) → a rule from the builder
 * and one in JSONLogic (with live validation) → reorder → an override → draft preview and pair
 * inspector → publish (with the diff) → the public page shows the verdicts.
 * Screenshots: test-results/screenshots/dashboard-*.png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";

const baseUrl = inject("baseUrl");
const stamp = Date.now().toString(36);
const files = path.resolve(import.meta.dirname, "../../test-results/dashboard-e2e");
const SOURCE_ROWS = 20_000;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
/** Console errors of the dashboard tab (React reports hydration mismatches there, not as page errors). */
const consoleErrors: string[] = [];
/** Import progress as drawn: the bar's aria values and its line, read in one frame. */
const progressSamples: { now: string | null; max: string | null; text: string }[] = [];
let publicUrl = "";

/** Source rows: four named apps first, then generated ones (enough rows that the import visibly runs). */
function appsCsv(): string {
  const lines = [
    "id,name,category,needsStreaming,needsToolCalling,minContext",
    "chatbot,Support chatbot,chat,yes,no,8000",
    "coder,Coding agent,agent,yes,yes,100000",
    "summariser,Batch summariser,batch,no,no,32000",
    "researcher,Research agent,agent,no,yes,200000",
  ];
  const cats = ["chat", "agent", "batch"];
  for (let i = 0; i < SOURCE_ROWS - 4; i++) lines.push(`app-${i},App ${i},${cats[i % 3]},${i % 2 ? "yes" : "no"},${i % 3 === 0 ? "yes" : "no"},${[4000, 16000, 64000][i % 3]}`);
  return `${lines.join("\n")}\n`;
}

const MODELS_CSV = `id,name,provider,supportsStreaming,supportsToolCalling,contextWindow
gpt-4o,GPT-4o,OpenAI,true,true,128000
gpt-35,GPT-3.5 Turbo,OpenAI,true,false,16000
claude,Claude 3.5 Sonnet,Anthropic,true,true,200000
llama,Llama 3 8B,Meta,false,false,8000
`;

const TARGET_SCHEMA = {
  fields: [
    { name: "id", type: "string", required: true },
    { name: "name", type: "string", required: true },
    { name: "provider", type: "string", required: true },
    { name: "supportsStreaming", type: "boolean", required: false },
    { name: "supportsToolCalling", type: "boolean", required: false },
    { name: "contextWindow", type: "number", required: false },
  ],
  keyField: "id",
  labelField: "name",
};

async function shot(name: string) {
  // The caret stays as it is: this file fails on hydration-mismatch console errors (see screenshot()).
  await screenshot(page, `dashboard-${name}`, { caret: "initial" });
}

beforeAll(async () => {
  mkdirSync(files, { recursive: true });
  writeFileSync(path.join(files, "apps.csv"), appsCsv());
  writeFileSync(path.join(files, "models.csv"), MODELS_CSV);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // `next dev` compiles each route on its first visit.
  context.setDefaultNavigationTimeout(180_000);
  context.setDefaultTimeout(90_000);
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
});

/** Samples the import progress bar and its line until the import finishes. */
async function sampleProgress() {
  for (let i = 0; i < 600; i++) {
    const s = await page.evaluate(() => {
      const box = document.querySelector("[data-testid=import-progress]");
      if (!box) return document.querySelector('[data-testid=import-result][data-status="completed"]') ? "done" : null;
      const bar = box.querySelector("[role=progressbar]");
      return { now: bar?.getAttribute("aria-valuenow") ?? null, max: bar?.getAttribute("aria-valuemax") ?? null, text: box.querySelector("[data-testid=import-progress-text]")?.textContent ?? "" };
    });
    if (s === "done") return;
    if (s) progressSamples.push(s);
    await page.waitForTimeout(50);
  }
}

afterAll(async () => {
  await browser?.close();
});

describe.sequential("dashboard: the admin flow on a fresh organization", () => {
  it("signs in with dev sign-in, creating a team organization; plan and usage are visible", async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel("Email").fill(`admin-${stamp}@example.com`);
    await page.getByLabel("Organization name").fill(`Dash E2E ${stamp}`);
    await page.getByLabel("Plan").selectOption("team");
    await shot("01-sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard$/);
    await expect(page.getByTestId("org-name").textContent()).resolves.toBe(`Dash E2E ${stamp}`);
    await expect(page.getByTestId("plan-tier").textContent()).resolves.toBe("Team");
    await shot("02-overview");
  });

  it("creates the source schema with the form (fields, enum options, a Finder level)", async () => {
    await page.goto(`${baseUrl}/dashboard/schemas/source/new`);
    await page.getByLabel("Name", { exact: true }).fill("Apps");
    const add = async (name: string, type: string, extra?: (p: Page) => Promise<void>) => {
      await page.getByRole("button", { name: "Add field" }).click();
      const n = await page.getByLabel(/^Name of field \d+$/).count();
      await page.getByLabel(`Name of field ${n}`).fill(name);
      await page.getByLabel(`Type of ${name}`).selectOption(type);
      await extra?.(page);
    };
    await add("category", "enum", async (p) => {
      await p.getByLabel("Options of category, comma-separated").fill("chat, agent, batch");
      await p.getByLabel("category is required").check();
    });
    await add("needsStreaming", "boolean");
    await add("needsToolCalling", "boolean");
    await add("minContext", "number");
    await page.getByLabel("Add a level").selectOption("category");
    await shot("03-source-schema");
    await page.getByRole("button", { name: "Create source schema" }).click();
    await page.waitForURL(/\/dashboard\/schemas\/source\/\d+$/);
    await page.getByRole("heading", { name: "Apps", level: 1 }).waitFor();
  });

  it("creates the target schema in the JSON view, which stays in sync with the form", async () => {
    await page.goto(`${baseUrl}/dashboard/schemas/target/new`);
    await page.getByLabel("Name", { exact: true }).fill("Models");
    await page.getByRole("radio", { name: "JSON" }).click();
    await page.getByLabel("Schema JSON").fill(JSON.stringify(TARGET_SCHEMA, null, 2));
    await page.getByRole("radio", { name: "Form" }).click();
    await expect(page.getByLabel("Name of field 6").inputValue()).resolves.toBe("contextWindow");
    await shot("04-target-schema");
    await page.getByRole("button", { name: "Create target schema" }).click();
    await page.waitForURL(/\/dashboard\/schemas\/target\/\d+$/);
  });

  async function importInto(side: "source" | "target", name: string, file: string) {
    await page.goto(`${baseUrl}/dashboard/datasets`);
    const card = page.locator("section", { hasText: side === "source" ? "Source datasets" : "Target datasets" });
    await card.getByLabel("Dataset name").fill(name);
    await card.getByRole("button", { name: `Create ${side} dataset` }).click();
    await page.waitForURL(new RegExp(`/dashboard/datasets/${side}/\\d+$`));
    await page.getByTestId("import-file").setInputFiles(path.join(files, file));
    await page.getByTestId("import-preview").waitFor();
    await page.getByRole("button", { name: `Import ${file}` }).click();
    await sampleProgress();
    const result = page.locator('[data-testid=import-result][data-status="completed"]');
    await result.waitFor({ timeout: 120_000 });
    return (await result.getAttribute("data-seen")) ?? "";
  }

  it("imports the source CSV with a visible progress bar while it runs", async () => {
    const seen = await importInto("source", "Apps", "apps.csv");
    // The bar is shown while the import is pending or processing; the poller recorded those states.
    expect(seen).toMatch(/pending|processing/);
    expect(seen).toMatch(/completed$/);
    await page.getByTestId("dataset-rows").getByText(SOURCE_ROWS.toLocaleString("en-US")).waitFor();
    // 20,000 rows sorted by label: find the named one through the search box.
    await page.getByLabel("Search rows").fill("chatbot");
    await page.getByTestId("rows-table").getByText("Support chatbot").waitFor();
    await shot("05-source-import");
  });

  it("the import's progress bar and its line said the same thing at every sample", () => {
    expect(progressSamples.length).toBeGreaterThan(0);
    for (const s of progressSamples) {
      const counted = /^([\d,]+) \/ ([\d,]+) rows$/.exec(s.text);
      if (counted) expect({ now: s.now, max: s.max }).toEqual({ now: counted[1]!.replace(/,/g, ""), max: counted[2]!.replace(/,/g, "") });
      // An indeterminate bar claims no counts, and its line names none.
      else expect({ now: s.now, max: s.max, digits: /\d/.test(s.text) }).toEqual({ now: null, max: null, digits: false });
    }
  });

  it("the rows table's header cells sit over their value cells", async () => {
    const table = page.getByTestId("rows-table");
    const heads = await table.getByRole("columnheader").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), w: Math.round(r.width) })));
    const cells = await table.getByRole("row").nth(1).getByRole("cell").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), w: Math.round(r.width) })));
    expect(heads.length).toBe(6);
    expect(cells).toEqual(heads);
  });

  it("imports the target CSV", async () => {
    await importInto("target", "Models", "models.csv");
    await page.getByTestId("rows-table").getByText("Llama 3 8B").waitFor();
    await shot("06-target-import");
  });

  it("creates a Finder page and writes a rule with the builder", async () => {
    await page.goto(`${baseUrl}/dashboard/pages`);
    await page.getByLabel("Name", { exact: true }).fill("Model finder");
    await page.getByRole("button", { name: "Create page" }).click();
    await page.waitForURL(/\/dashboard\/pages\/\d+$/);
    await page.getByTestId("finder-preview").waitFor();
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByLabel("Rule name").fill("Streaming");
    await page.getByRole("checkbox", { name: /^Required/ }).check();
    // Too long a sentence is refused, by name, and nothing is saved; a short one is kept.
    await page.getByTestId("rule-sentence-fail").fill("x".repeat(301));
    await page.getByTestId("rule-validation").getByText("✓ Valid").waitFor();
    await page.getByRole("button", { name: "Add rule", exact: true }).last().click();
    await page.getByText("A sentence is at most 300 characters; this one has 301").waitFor();
    await page.getByTestId("rule-sentence-fail").fill("{target} can't stream, which {source} needs");
    await page.getByRole("button", { name: "Add rule", exact: true }).last().click();
    await page.getByRole("button", { name: "Edit Streaming" }).waitFor();
  });

  it("writes a rule in JSONLogic: a bad var is reported at its path, the fixed rule is saved", async () => {
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByLabel("Rule name").fill("Context window");
    await page.getByRole("radio", { name: "JSONLogic" }).click();
    await page.getByTestId("rule-json").fill('{">=": [{"var": "target.contextWindo"}, {"var": "source.minContext"}]}');
    await page.getByTestId("rule-validation").locator("li").first().waitFor();
    expect(await page.getByTestId("rule-validation").textContent()).toMatch(/contextWindo/);
    await shot("07-rule-json-error");
    await page.getByTestId("rule-json").fill('{">=": [{"var": "target.contextWindow"}, {"var": "source.minContext"}]}');
    await page.getByTestId("rule-validation").getByText("✓ Valid").waitFor();
    await page.getByRole("button", { name: "Add rule", exact: true }).last().click();
    await page.getByRole("button", { name: "Edit Context window" }).waitFor();
    // Keyboard-accessible reorder: move it to the top.
    await page.getByRole("button", { name: "Move Context window up" }).click();
    await expect.poll(() => page.getByTestId("rules-list").locator(":scope > li").first().textContent(), { timeout: 30_000 }).toMatch(/Context window/);
    await shot("08-rules");
  });

  it("adds an override with the row pickers", async () => {
    await page.getByRole("tab", { name: "Overrides" }).click();
    await page.getByRole("button", { name: "Add override" }).click();
    await page.getByPlaceholder("Search sources by key or label…").fill("chatbot");
    await page.getByRole("radio", { name: /Support chatbot/ }).check();
    await page.getByPlaceholder("Search targets by key or label…").fill("llama");
    await page.getByRole("radio", { name: /Llama 3 8B/ }).check();
    await page.getByLabel("Verdict", { exact: true }).selectOption("1");
    await page.getByLabel("Note (shown with the verdict)").fill("Works with polling instead of streaming");
    await page.getByRole("button", { name: "Save override" }).click();
    await page.getByTestId("overrides-table").getByText("chatbot").waitFor();
    await shot("09-override");
  });

  it("previews the draft Finder and explains a pair", async () => {
    await page.getByTestId("preview-level-0").selectOption("chat");
    const targets = page.getByTestId("preview-targets").locator("li");
    await targets.first().waitFor();
    expect(await targets.count()).toBe(4);
    await targets.filter({ hasText: "Llama 3 8B" }).getByRole("button").click();
    const inspector = page.getByTestId("pair-inspector");
    await inspector.locator("li").first().waitFor();
    expect(await inspector.textContent()).toMatch(/Streaming.*target\.supportsStreaming = false/s);
    await shot("10-preview");
  });

  it("publishes after confirming what changes, and links to the public page", async () => {
    await page.getByRole("tab", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("publish-diff").getByText("Context window").waitFor();
    expect(await dialog.getByTestId("publish-diff").textContent()).toMatch(/added.*Streaming|Streaming.*added/s);
    await shot("11-publish-confirm");
    await dialog.getByRole("button", { name: "Publish", exact: true }).click();
    await expect.poll(() => page.getByTestId("page-status").textContent(), { timeout: 120_000 }).toBe("published");
    publicUrl = (await page.getByTestId("public-url").first().getAttribute("href")) ?? "";
    expect(publicUrl).toMatch(/\/p\/[a-z0-9-]+\/model-finder$/);
    // The revision list names who published: an email, not a user id.
    await page.getByText(`admin-${stamp}@example.com`).first().waitFor();
    await shot("12-published");
  });

  it("the public page shows the verdicts", async () => {
    const visitor = await context.newPage();
    await visitor.goto(`${publicUrl}?path=chat`);
    const headline = visitor.locator("#result-headline");
    await headline.waitFor();
    const body = (await visitor.locator("main").textContent()) ?? "";
    expect(body).toMatch(/Compatible/);
    expect(body).toMatch(/Incompatible|Partial/);
    expect(body).toMatch(/GPT-4o/);
    await screenshot(visitor, "dashboard-13-public-page");
    await visitor.close();
  });

  it("a new Matrix page over the same datasets starts without rules: publishing it warns first; one-column groups keep their names", async () => {
    await page.goto(`${baseUrl}/dashboard/pages`);
    await page.getByLabel("Name", { exact: true }).fill("Model matrix");
    await page.getByLabel("Template").selectOption("matrix");
    await page.getByRole("button", { name: "Create page" }).click();
    await page.waitForURL(/\/dashboard\/pages\/\d+$/);
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByLabel("Group targets by").selectOption("provider");
    await page.getByRole("button", { name: "Save settings" }).click();
    // OpenAI has two models, Anthropic and Meta one each: one-column groups.
    const groups = page.getByTestId("matrix-preview-group");
    await expect.poll(() => groups.count(), { timeout: 60_000 }).toBe(3);
    const cut = await groups.locator("span").evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await shot("12b-matrix-groups");
    await page.getByRole("tab", { name: "Publish" }).click();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("no-rules-warning").waitFor();
    expect(await dialog.getByTestId("no-rules-warning").textContent()).toMatch(/no rules: every pair would be shown as fully compatible/);
    await shot("12c-no-rules-warning");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("API keys are shown once and revoked only after confirmation; settings set a subdomain; the audit log records it all", async () => {
    await page.goto(`${baseUrl}/dashboard/api-keys`);
    await page.getByLabel("Key name").fill("ci-import");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect.poll(() => page.getByTestId("new-api-key").textContent(), { timeout: 30_000 }).toMatch(/^cpk_/);
    await shot("15-api-key-created");
    await page.getByRole("button", { name: "I've stored it" }).click();
    await page.getByRole("button", { name: "Revoke ci-import" }).click();
    const confirm = page.getByRole("dialog");
    await confirm.getByText("Scripts using this key stop working immediately").waitFor();
    await confirm.getByRole("button", { name: "Revoke key" }).click();
    await page.getByText("Revoked", { exact: true }).waitFor();

    await page.goto(`${baseUrl}/dashboard/settings`);
    await page.getByLabel("Subdomain").fill(`dash-${stamp}`);
    await page.getByRole("button", { name: "Save subdomain" }).click();
    await page.getByText(`dash-${stamp}.`).first().waitFor();
    await page.getByRole("link", { name: new RegExp(`dash-${stamp}\\.`) }).waitFor();
    await shot("16-settings");

    // Embeds: any site by default; a list of origins, a bad entry named in the error (docs/embeds.md).
    await page.getByLabel("Any site may embed published pages").uncheck();
    await page.getByLabel("Allowed sites").fill("https://docs.example.com\nnot-an-origin");
    await page.getByRole("button", { name: "Save embed sites" }).click();
    await page.getByText('"not-an-origin" is not an origin', { exact: false }).first().waitFor();
    await page.getByLabel("Allowed sites").fill("https://Docs.Example.com/");
    await page.getByRole("button", { name: "Save embed sites" }).click();
    await page.getByText("Saved.").waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel("Allowed sites").inputValue(), { timeout: 30_000 }).toBe("https://docs.example.com");
    await page.getByLabel("Any site may embed published pages").check();
    await page.getByRole("button", { name: "Save embed sites" }).click();
    await page.getByText("Saved.").waitFor();

    await page.goto(`${baseUrl}/dashboard/audit`);
    for (const action of ["page.publish", "apiKey.revoke", "org.update"]) await page.getByText(action, { exact: true }).first().waitFor();
    // People and pages by name, not by id.
    const publishRow = page.locator("tr", { hasText: "page.publish" }).first();
    expect(await publishRow.textContent()).toContain(`admin-${stamp}@example.com`);
    expect(await publishRow.textContent()).toContain("“Model finder”");
    expect(await page.locator("tr", { hasText: "apiKey.revoke" }).first().textContent()).toContain("“ci-import”");
    expect(await page.locator("main").textContent()).not.toMatch(/user_dev_/);
    await shot("17-audit");
  });

  it("works at tablet width, and nothing threw in the browser", async () => {
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.goto(`${baseUrl}/dashboard/datasets`);
    await page.getByRole("button", { name: "Menu" }).waitFor();
    await shot("14-tablet");
    expect(errors).toEqual([]);
    expect(consoleErrors.filter((e) => /hydrat|did not match|server rendered/i.test(e))).toEqual([]);
  });
});
