/**
 * The rule engine: pure functions from rules, overrides, policies and rows to verdicts.
 * Semantics are documented in docs/engine.md.
 */
export type * from "./types";
export { compileRuleSet, type CompiledRule, type CompiledRuleSet } from "./compile";
export { evaluateSelection, checkPair, headline, type EvaluateSelectionInput, type CheckPairInput } from "./evaluate";
export { evaluateMatrix, type EvaluateMatrixInput } from "./matrix";
export { validateRule, validateRuleSet, type RuleSchemas, type RuleSetError } from "./validate";
export { validateOverride, OverrideIndex } from "./overrides";
export { explainRule, formatValue } from "./explain";
export { pairContext, sourceContext, targetContext, sourceContexts, targetContexts, targetGroup } from "./context";
export {
  devicePolicySchema,
  selectionPolicySchema,
  parseDevicePolicy,
  parseSelectionPolicy,
  MATRIX_DEFAULT_GROUP_BY,
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type DevicePolicy,
  type DevicePolicyInput,
  type SelectionPolicy,
  type SelectionPolicyInput,
} from "./policy";
export { ALLOWED_OPERATORS, EXCLUDED_OPERATORS } from "./operators";
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH } from "./bounds";
export { truthy as jsonLogicTruthy } from "./reference";
export { ruleStatus, verdictOf, scoreOf } from "./semantics";
export { describeFeature, fillTemplate, fieldLabel, formatFieldValue, type LabeledField, type LabeledSchemas, type RuleSentences } from "./sentences";
export { whatIf, applySourceChanges, compatibleAlternatives, type WhatIf, type RuleFix, type SourceChange, type WhatIfField } from "./what-if";
