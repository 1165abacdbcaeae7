/**
 * Seeds the `demo` organization with the spec's LLM use case so `npm run dev` on a fresh database
 * shows a working Finder and Matrix at demo.localhost:3000 right away.
 *
 * Only the organization row is written directly (there is no procedure that creates an
 * organization); everything else goes through the tRPC API in-process, as an internal script
 * would, so the demo also proves the API is enough to build a page from scratch.
 */
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import type { Session } from "~/server/auth/types";
import type { Db } from "~/server/db/client";
import { getOrgById, getOrgBySlug, upsertOrganization } from "~/server/org/orgs";
import { APPS, SOURCE_SCHEMA } from "./apps";
import { appsToCsv, modelsToJson } from "./content";
import { MODELS, TARGET_SCHEMA } from "./models";
import { OVERRIDES, RULES } from "./rules";

/** Fixed identity of the demo tenant (dev and tests rely on it). */
export const DEMO_ORG = { id: "org_demo", name: "Demo: LLM compatibility", slug: "demo", subdomain: "demo" } as const;

/** The two demo pages, by slug. */
export const DEMO_PAGES = {
  finder: {
    slug: "llm-finder",
    name: "Which LLM fits your app?",
    template: "finder",
    // Every model on one page, so visitors' sorting and filters see the whole list.
    devicePolicy: { groupBy: "provider", pageSize: 100, columns: ["contextWindow", "inputPricePerMTok"] },
    messaging: {
      headline2: "{compatible} of {total} models fit your app",
      headline1: "No model fits every need; {partial} of {total} fit with caveats",
      headline0: "None of the {total} models meets every hard requirement",
    },
  },
  matrix: {
    slug: "llm-matrix",
    name: "LLM compatibility matrix",
    template: "matrix",
    devicePolicy: { groupBy: "provider" },
    messaging: {
      headline2: "{compatible} of {total} fully compatible",
      headline1: "{partial} of {total} work with caveats",
      headline0: "None of the {total} is compatible",
    },
  },
} as const;

const DEFINITIONS = {
  source: { slug: "ai-apps", name: "AI-powered apps", description: "App archetypes and what they need from a model", datasetName: "App archetypes" },
  target: {
    slug: "llm-models",
    name: "LLM models",
    description: "Language models and their capabilities (demo snapshot; each row names its source and check date)",
    datasetName: "LLM catalogue",
  },
} as const;

type Caller = ReturnType<typeof createCaller>;
type Side = "sources" | "targets";

/** A caller acting as the demo organization's system admin. */
export function demoCaller(db: Db, org: Session["org"]): Caller {
  const session: Session = { org, role: "admin", actor: { type: "system", id: "demo-seed" }, via: "api_key" };
  return createCaller(createInnerContext({ db, session }));
}

/**
 * Creates whatever part of the demo is missing. Returns `created: false` when both pages already
 * exist and are published. A half-finished earlier run is completed, not duplicated: definitions
 * and datasets are found by name, and an unpublished demo page is rebuilt from scratch.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean; summary: string }> {
  const squatter = await getOrgBySlug(db, DEMO_ORG.slug);
  if (squatter && squatter.id !== DEMO_ORG.id) {
    return { created: false, summary: `the slug "${DEMO_ORG.slug}" belongs to another organization (${squatter.id}); demo not seeded` };
  }
  let org =
    (await getOrgById(db, DEMO_ORG.id)) ?? (await upsertOrganization(db, { id: DEMO_ORG.id, name: DEMO_ORG.name, slug: DEMO_ORG.slug, planTier: "team" }));
  let api = demoCaller(db, org);
  const notes: string[] = [];

  if (org.customSubdomain !== DEMO_ORG.subdomain) {
    try {
      org = await api.org.update({ customSubdomain: DEMO_ORG.subdomain });
      api = demoCaller(db, org);
    } catch (err) {
      // Another tenant owns it: the demo still works at /p/demo/…
      notes.push(`subdomain not set (${(err as Error).message})`);
    }
  }

  const existing = await api.pages.list();
  const published = (slug: string) => existing.some((p) => p.slug === slug && p.status === "published");
  if (published(DEMO_PAGES.finder.slug) && published(DEMO_PAGES.matrix.slug)) {
    return { created: false, summary: "demo pages already published" };
  }

  const sourceDatasetId = await ensureDataset(api, "sources", SOURCE_SCHEMA, APPS.length, "csv", () => appsToCsv(APPS));
  const targetDatasetId = await ensureDataset(api, "targets", TARGET_SCHEMA, MODELS.length, "json", () => modelsToJson(MODELS));

  for (const spec of [DEMO_PAGES.finder, DEMO_PAGES.matrix]) {
    const page = existing.find((p) => p.slug === spec.slug);
    if (page?.status === "published") continue;
    if (page) await api.pages.delete({ id: page.id }); // a crashed run's leftovers: rules may be half there
    const created = await api.pages.create({
      slug: spec.slug,
      name: spec.name,
      template: spec.template,
      sourceDatasetId,
      targetDatasetId,
      devicePolicy: { ...spec.devicePolicy },
      messaging: { ...spec.messaging },
    });
    for (const rule of RULES) await api.rules.create({ pageId: created.id, ...rule });
    for (const o of OVERRIDES) await api.overrides.upsert({ pageId: created.id, ...o });
    await api.pages.publish({ pageId: created.id });
  }

  const providers = new Set(MODELS.map((m) => m.provider)).size;
  const summary = [
    `${APPS.length} apps, ${MODELS.length} models from ${providers} providers, ${RULES.length} rules, ${OVERRIDES.length} overrides`,
    `pages ${DEMO_PAGES.finder.slug} and ${DEMO_PAGES.matrix.slug} published`,
    ...notes,
  ].join("; ");
  return { created: true, summary };
}

/** Finds or creates the side's definition and dataset, and imports the rows if they are not all there. */
async function ensureDataset(
  api: Caller,
  side: Side,
  schema: typeof SOURCE_SCHEMA | typeof TARGET_SCHEMA,
  rowCount: number,
  format: "csv" | "json",
  content: () => string,
): Promise<number> {
  const def = DEFINITIONS[side === "sources" ? "source" : "target"];
  const router = api[side];
  const definition =
    (await router.definitions.list()).find((d) => d.slug === def.slug) ??
    (await router.definitions.create({ slug: def.slug, name: def.name, description: def.description, schema }));
  const dataset =
    (await router.datasets.list({ definitionId: definition.id })).find((d) => d.name === def.datasetName) ??
    (await router.datasets.create({ definitionId: definition.id, name: def.datasetName }));
  if (dataset.rowCount !== rowCount) {
    const { import: run } = await router.datasets.import({ datasetId: dataset.id, format, content: content(), mode: "replace", wait: true });
    if (run?.status !== "completed") {
      const firstError = run?.errors[0];
      const why = run?.error ?? (firstError ? `line ${firstError.line}: ${firstError.message}` : "no result");
      throw new Error(`Demo ${side} import did not complete (${run?.status ?? "unknown"}): ${why}`);
    }
  }
  return dataset.id;
}
