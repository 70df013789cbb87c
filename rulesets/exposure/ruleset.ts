// The built-in "api-exposure-lint:exposure" ruleset, derived from the rule modules of the registry.
// Rules walk the operations themselves (given: '$' unless the module says otherwise) so they can read
// each operation's audience and follow already-resolved $refs; functions are imported, not looked up by name.
import { oas2, oas3 } from '@stoplight/spectral-formats';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import type { AnyRuleModule, RulePack } from '../../server/src/engine/rules-api';
import { RULESET_README_URL } from './docs-url';
import { EXPOSURE_RULES } from './registry';

export const EXPOSURE_RULESET_NAME = 'api-exposure-lint:exposure';

export type ExposureRuleCode = (typeof EXPOSURE_RULES)[number]['code'];
export const EXPOSURE_RULE_CODES: readonly ExposureRuleCode[] = EXPOSURE_RULES.map((rule) => rule.code);

export interface ExposureRuleMeta {
  code: ExposureRuleCode;
  severity: AnyRuleModule['severity'];
  description: string;
  documentationUrl: string;
}

/** Code → metadata, e.g. for SARIF `tool.driver.rules`. */
export const EXPOSURE_RULES_META = Object.fromEntries(
  EXPOSURE_RULES.map(({ code, severity, description, documentationUrl }) => [code, { code, severity, description, documentationUrl }]),
) as Readonly<Record<ExposureRuleCode, ExposureRuleMeta>>;

/** Codes that have at least one quick fix besides "ignore". */
export const FIXABLE_CODES: readonly ExposureRuleCode[] = EXPOSURE_RULES.filter(
  (rule: AnyRuleModule) => (rule.fixers?.length ?? 0) > 0,
).map((rule) => rule.code);

function spectralRule(rule: AnyRuleModule) {
  return {
    description: rule.description,
    documentationUrl: rule.documentationUrl,
    message: '{{error}}',
    severity: rule.severity,
    recommended: true,
    given: rule.given ?? '$',
    then: { function: rule.function },
  };
}

export const exposureRuleset: RulesetDefinition = {
  documentationUrl: RULESET_README_URL,
  description: 'API Exposure Lint: audience-aware rules for external and internal OpenAPI operations.',
  formats: [oas2, oas3],
  rules: Object.fromEntries(EXPOSURE_RULES.map((rule) => [rule.code, spectralRule(rule)])),
};

export const EXPOSURE_RULE_PACK: RulePack = { name: EXPOSURE_RULESET_NAME, rules: EXPOSURE_RULES, ruleset: exposureRuleset };
