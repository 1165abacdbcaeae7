/**
 * Pages domain (DESIGN §8): pages, rules, overrides, publish and revisions, evaluation, the result
 * cache, the option index and the public read path. Routers call only what is exported here.
 */
import { registerDatasetListener } from "./dataset-sync";

export { listPages, getPageDetail, createPage, updatePage, deletePage, type PageInput } from "./pages";
export { listRules, createRule, updateRule, deleteRule, reorderRules, validateRuleForPage, type RuleInput } from "./rules";
export { listOverrides, upsertOverride, deleteOverride, type OverrideInput } from "./overrides";
export { publishPage } from "./publish";
export { listRevisions } from "./revisions";
export { publishPreview, diffSnapshots, type PublishDiff } from "./publish-diff";
export { evaluatePage, matrixOfPage, checkPagePair } from "./service";
export { publicPageInfo, publicOptions, publicResult, publicMatrix, publicWhatIf } from "./public";
export { rebuildPageSync } from "./sync-admin";
export { evaluationCounter, MAX_MATRIX_ROWS } from "./evaluation";
export { resultCacheKey, finderSelectionHash, matrixSelectionHash } from "./result-cache";
export { templates, policyInput } from "./policies";
export { RULE_BOUNDS, checkJsonBounds } from "./json-bounds";
export { handleDatasetChanged, refreshPublishedPage } from "./dataset-sync";

// Published pages follow their datasets from the moment the domain is loaded.
registerDatasetListener();
