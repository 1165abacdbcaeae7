/**
 * Pages domain, by lifecycle (docs/pages.md):
 *   model.ts    the page row, its loader and datasets
 *   draft/      what an admin edits: pages, rules, overrides, policies, the draft snapshot
 *   published/  publish, revisions, publish diff, the published projection and what refreshes it
 *   read/       answers: public reads, evaluation entry points, compute, result cache, options
 * Routers call only what is exported here.
 */
import { registerDatasetUsesFinder } from "./dataset-uses";
import { registerDatasetListener } from "./published/dataset-sync";

export { listPages, getPageDetail, createPage, updatePage, deletePage, type PageInput } from "./draft/pages";
export { listRules, createRule, updateRule, deleteRule, reorderRules, validateRuleForPage, type RuleInput } from "./draft/rules";
export { listOverrides, upsertOverride, deleteOverride, type OverrideInput } from "./draft/overrides";
export { templates, policyInput } from "./draft/policies";
export { RULE_BOUNDS, checkJsonBounds } from "./draft/json-bounds";
export { MAX_RULE_SENTENCE, normalizeRuleSentences } from "./draft/rule-sentences";
export { publishPage } from "./published/publish";
export { listRevisions } from "./published/revisions";
export { publishPreview, type PublishDiff } from "./published/publish-diff";
export { rebuildPageSync } from "./published/sync-admin";
export { evaluatePage, matrixOfPage, checkPagePair } from "./read/evaluate";
export {
  publicPageAnswer,
  publicOptionsAnswer,
  publicResultAnswer,
  publicSummaryAnswer,
  publicMatrixAnswer,
  resolvePublished,
  publicPageInfo,
  publicOptions,
  publicResult,
  publicSummary,
  publicMatrix,
  publicWhatIf,
  publicPageList,
  type PublicPageSummary,
} from "./read/public";
export { publicPagesAnswer, publicPagesList } from "./read/public-list";
export { firstScreen, type FirstScreen } from "./read/first-screen";
export { llmsTxt, pageMarkdown } from "./read/markdown";
export type { FinderSummary, PublicPageInfo } from "./read/public";
export { MAX_MATRIX_ROWS } from "./read/compute";
export type { StoredAnswer } from "./read/result-cache";

// Published pages follow their datasets from the moment the domain is loaded.
registerDatasetListener();
// …and keep the datasets they use from being deleted under them.
registerDatasetUsesFinder();
