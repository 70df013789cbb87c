// What rule packs (rulesets/*) may use from the engine, and the only engine module they import.
// Direction: rulesets/ → engine (this file); the engine never imports rulesets/ (the composition root
// server/src/builtin-rules.ts installs the built-in packs). A test checks both directions.
export type {
  Audience,
  AudienceConfig,
  AudienceKind,
  AudienceSource,
  Finding,
  JsonPath,
  OperationRef,
  ResolvedAudience,
  Severity,
} from './types';
export { AUDIENCES, EXTERNAL_AUDIENCES, INTERNAL_AUDIENCES } from './types';
export * from './openapi';
export {
  audienceKind,
  documentAudience,
  FALLBACK_AUDIENCE,
  globAudience,
  globOriginLabel,
  invalidAudienceDeclarations,
  isAudience,
  isExternal,
  isInternal,
  operationLevelAudience,
} from './audience';
export {
  exposureContextOf,
  getOperationAudience,
  noteConcerns,
  type ExposureConfig,
  type RuleFunctionContextLike,
} from './exposure-context';
export { defineRule, type AnyRuleModule, type RuleAppliesTo, type RuleModule, type RulePack, type RuleSeverity } from './rules/rule-module';
export type { FixContext, Fixer, PlannedFix } from './fixes/plan';
export { appendItem, setValue, type EditOp } from './fixes/edit-ops';
// For fixers that edit a value where it is written (e.g. one character of a URL): the parsed view of the text.
export { isMap, isScalar, isSeq, type SourceDoc } from './fixes/source-doc';
