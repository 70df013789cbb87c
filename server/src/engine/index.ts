// API of the transport-free engine, without rule packs (it never imports rulesets/). The public
// library dist/engine.js is built from ../public-engine.ts, which adds the installed built-in rules.
export * from './types';
export * from './host';
export * from './lint-options';
export { applySuppressions } from './suppressions';
export { Linter } from './linter';
export { WorkerLinter, LintCancelledError } from './worker/worker-linter';
export { FixWorker } from './worker/fix-worker';
export type { WorkerLinterOptions, LintCancellationToken } from './worker/worker-linter';
export { RulesetLoadError } from './ruleset/errors';
export { preprocessRuleset } from './ruleset/preprocess';
export { DEFAULT_RULESET_NAME, BUILTIN_RULESET_NAMES, isBuiltinRulesetName } from './ruleset/builtin-rulesets';
export { findRulesetFile, isRulesetFileName, RULESET_FILE_NAMES } from './ruleset/discover';
export { detectFormat, looksLikeOpenApi } from './document';
export { createNodeHost } from '../node-host';
// Exposure model (audience resolution, OpenAPI walking helpers) and the built-in exposure ruleset.
export * from './audience';
export * from './openapi';
export { setExposureConfig, getExposureConfig, getOperationAudience, exposureContextOf, setExposureContext, operationKey } from './exposure-context';
export type { ExposureConfig, ExposureContext, RuleFunctionContextLike } from './exposure-context';
export { installRulePack, installedRules, ruleModule } from './rules/installed';
export { defineRule } from './rules/rule-module';
export type { AnyRuleModule, RuleAppliesTo, RuleModule, RulePack, RuleSeverity } from './rules/rule-module';
export type { FixContext, Fixer, PlannedFix } from './fixes/plan';
export * from './fixes';
