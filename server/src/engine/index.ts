// API of the transport-free engine, without rule packs (it never imports rulesets/) and without Node I/O
// (the Node host and the worker threads are in ../node/, whose index re-exports this one). The public
// library dist/engine.js is built from ../public-engine.ts, which adds those and the installed built-in rules.
export * from './types';
export * from './host';
export * from './lint-options';
export { applySuppressions } from './suppressions';
export { Linter } from './linter';
export { RulesetLoadError } from './ruleset/errors';
export { preprocessRuleset } from './ruleset/preprocess';
export { DEFAULT_RULESET_NAME, BUILTIN_RULESET_NAMES, isBuiltinRulesetName } from './ruleset/builtin-rulesets';
export { findRulesetFile, isRulesetFileName, RULESET_FILE_NAMES } from './ruleset/discover';
export { detectFormat, looksLikeOpenApi } from './document';
// Multi-file descriptions: which files a root reaches through $refs, and where their parts sit in its tree.
export { buildRefGraph, referencedFiles, parseRef, pointerToPath, mountFor, mountsOf, DEFAULT_REF_GRAPH_LIMITS } from './ref-graph';
export type { RefGraph, RefGraphInput, RefGraphLimits, RefMount, RefProblem } from './ref-graph';
export { looksLikeFragment } from './fragments';
export { referencedOperations, placeReferencedFindings } from './referenced-findings';
// Exposure model (audience resolution, OpenAPI walking helpers) and the built-in exposure ruleset.
export * from './audience';
export * from './openapi';
export {
  setExposureConfig,
  getExposureConfig,
  getOperationAudience,
  exposureContextOf,
  setExposureContext,
  operationKey,
  noteConcerns,
} from './exposure-context';
export type { ExposureConfig, ExposureContext, RuleFunctionContextLike } from './exposure-context';
export { installRulePack, installedRules, ruleModule } from './rules/installed';
export { defineRule } from './rules/rule-module';
export type { AnyRuleModule, RuleAppliesTo, RuleModule, RulePack, RuleSeverity } from './rules/rule-module';
export type { FixContext, Fixer, PlannedFix } from './fixes/plan';
export * from './fixes';
// Exposure review: per-operation exposure facts, their changes between two versions, the inventory.
export { documentExposure } from './exposure/snapshot';
export type { DocumentExposure, OperationExposure, SecurityAlternativeExposure, SchemeUse, ServerExposure } from './exposure/snapshot';
export { diffExposure, operationsPerAudience, EXPOSURE_CHANGE_KINDS, EXPOSURE_CHANGE_DESCRIPTIONS } from './exposure/diff';
export type { ExposureChange, ExposureChangeKind } from './exposure/diff';
export { buildInventory, exposureRequirements } from './exposure/inventory';
export type { Inventory, InventoryDocument, InventoryOperation, RequirementStatus, RequirementRule } from './exposure/inventory';
export { exampleCacheStats, clearExampleCache } from './memo/example-validation-cache';
export { runCacheStats } from './memo/run-results-cache';
export { sharedValidatorStats } from './memo/shared-validators';
export { repeatedResultStats } from './memo/repeated-results';
