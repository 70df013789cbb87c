// The exposure rule pack: what the composition root installs and what dist/engine.js re-exports.
export { EXPOSURE_RULES } from './registry';
export {
  EXPOSURE_RULE_CODES,
  EXPOSURE_RULE_PACK,
  EXPOSURE_RULES_META,
  EXPOSURE_RULESET_NAME,
  exposureRuleset,
  FIXABLE_CODES,
  type ExposureRuleCode,
  type ExposureRuleMeta,
} from './ruleset';
export { DOCS_BASE_URL, docsUrl } from './docs-url';
export { OWASP_RATE_LIMIT_RULES } from './rules/external-rate-limit';
