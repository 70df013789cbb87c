// Public API of the transport-free engine. dist/engine.js is built from this file;
// tests and team ruleset packages use it as a library.
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
export { setExposureConfig, getExposureConfig } from './exposure-context';
export type { ExposureConfig } from './exposure-context';
export { exposureRuleset, EXPOSURE_RULES_META, EXPOSURE_RULE_CODES } from '../../../rulesets/exposure/ruleset';
export type { ExposureRuleCode, ExposureRuleMeta } from '../../../rulesets/exposure/ruleset';
export { DOCS_BASE_URL } from '../../../rulesets/exposure/docs-url';
export * from './fixes';
export { exampleCacheStats, clearExampleCache } from './memo/example-validation-cache';
