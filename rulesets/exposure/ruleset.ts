// The built-in "api-exposure-lint:exposure" ruleset: audience-aware rules for OpenAPI 2.0 / 3.x.
// Rules walk the operations themselves (given: '$') so they can resolve each operation's
// audience and follow already-resolved $refs; functions are imported, not looked up by name.
import { oas2, oas3 } from '@stoplight/spectral-formats';
import type { RulesetDefinition, RulesetFunction } from '@stoplight/spectral-core';
import { docsUrl, RULESET_README_URL } from './docs-url';
import { audienceDeclared } from './functions/audience-declared';
import { externalCodeSamples } from './functions/external-code-samples';
import { externalOAuth2 } from './functions/external-oauth2';
import { externalRateLimit } from './functions/external-rate-limit';
import { internalPermissionScopes } from './functions/internal-permission-scopes';
import * as externalHttps from './rules/external-https';
import * as externalNoInternalHosts from './rules/external-no-internal-hosts';
import * as externalCodeSamplesServer from './rules/external-code-samples-server';
import * as externalAuthResponses from './rules/external-auth-responses';
import * as externalErrorSchema from './rules/external-error-schema';
import * as externalErrorNoInternals from './rules/external-error-no-internals';
import * as externalCredentialsOnboarding from './rules/external-credentials-onboarding';
import * as externalDeprecationSunset from './rules/external-deprecation-sunset';
import * as internalNoPublicServers from './rules/internal-no-public-servers';
import * as exposureServersMarked from './rules/exposure-servers-marked';

export const EXPOSURE_RULE_CODES = [
  'exposure-audience-declared',
  'external-oauth2',
  'external-rate-limit',
  'external-code-samples',
  'internal-permission-scopes',
  'external-https',
  'external-no-internal-hosts',
  'external-code-samples-server',
  'external-auth-responses',
  'external-error-schema',
  'external-error-no-internals',
  'external-credentials-onboarding',
  'external-deprecation-sunset',
  'internal-no-public-servers',
  'exposure-servers-marked',
] as const;
export type ExposureRuleCode = (typeof EXPOSURE_RULE_CODES)[number];

export interface ExposureRuleMeta {
  code: ExposureRuleCode;
  severity: 'error' | 'warn';
  description: string;
  documentationUrl: string;
}

const meta = (code: ExposureRuleCode, severity: ExposureRuleMeta['severity'], description: string): ExposureRuleMeta => ({
  code,
  severity,
  description,
  documentationUrl: docsUrl(code),
});

/** Code → metadata, e.g. for SARIF `tool.driver.rules`. */
export const EXPOSURE_RULES_META: Readonly<Record<ExposureRuleCode, ExposureRuleMeta>> = {
  'exposure-audience-declared': meta(
    'exposure-audience-declared',
    'warn',
    'The API declares its audience (info.x-audience or per operation) with a valid value.',
  ),
  'external-oauth2': meta('external-oauth2', 'error', 'External operations require OAuth 2 or OpenID Connect in every security alternative.'),
  'external-rate-limit': meta(
    'external-rate-limit',
    'warn',
    'External operations document a 429 response with Retry-After and rate-limit headers.',
  ),
  'external-code-samples': meta('external-code-samples', 'warn', 'External operations provide x-codeSamples with lang and source.'),
  'internal-permission-scopes': meta(
    'internal-permission-scopes',
    'error',
    'Internal operations are authenticated and require defined permission scopes.',
  ),
  'external-https': meta(externalHttps.meta.code, externalHttps.meta.severity, externalHttps.meta.description),
  'external-no-internal-hosts': meta(externalNoInternalHosts.meta.code, externalNoInternalHosts.meta.severity, externalNoInternalHosts.meta.description),
  'external-code-samples-server': meta(externalCodeSamplesServer.meta.code, externalCodeSamplesServer.meta.severity, externalCodeSamplesServer.meta.description),
  'external-auth-responses': meta(externalAuthResponses.meta.code, externalAuthResponses.meta.severity, externalAuthResponses.meta.description),
  'external-error-schema': meta(externalErrorSchema.meta.code, externalErrorSchema.meta.severity, externalErrorSchema.meta.description),
  'external-error-no-internals': meta(externalErrorNoInternals.meta.code, externalErrorNoInternals.meta.severity, externalErrorNoInternals.meta.description),
  'external-credentials-onboarding': meta(externalCredentialsOnboarding.meta.code, externalCredentialsOnboarding.meta.severity, externalCredentialsOnboarding.meta.description),
  'external-deprecation-sunset': meta(externalDeprecationSunset.meta.code, externalDeprecationSunset.meta.severity, externalDeprecationSunset.meta.description),
  'internal-no-public-servers': meta(internalNoPublicServers.meta.code, internalNoPublicServers.meta.severity, internalNoPublicServers.meta.description),
  'exposure-servers-marked': meta(exposureServersMarked.meta.code, exposureServersMarked.meta.severity, exposureServersMarked.meta.description),
};

const FUNCTIONS: Record<ExposureRuleCode, RulesetFunction<unknown, unknown>> = {
  'exposure-audience-declared': audienceDeclared,
  'external-oauth2': externalOAuth2,
  'external-rate-limit': externalRateLimit,
  'external-code-samples': externalCodeSamples,
  'internal-permission-scopes': internalPermissionScopes,
  'external-https': externalHttps.check,
  'external-no-internal-hosts': externalNoInternalHosts.check,
  'external-code-samples-server': externalCodeSamplesServer.check,
  'external-auth-responses': externalAuthResponses.check,
  'external-error-schema': externalErrorSchema.check,
  'external-error-no-internals': externalErrorNoInternals.check,
  'external-credentials-onboarding': externalCredentialsOnboarding.check,
  'external-deprecation-sunset': externalDeprecationSunset.check,
  'internal-no-public-servers': internalNoPublicServers.check,
  'exposure-servers-marked': exposureServersMarked.check,
};

function rule(code: ExposureRuleCode) {
  const { severity, description, documentationUrl } = EXPOSURE_RULES_META[code];
  return {
    description,
    documentationUrl,
    message: '{{error}}',
    severity,
    recommended: true,
    given: '$',
    then: { function: FUNCTIONS[code] },
  };
}

export const exposureRuleset: RulesetDefinition = {
  documentationUrl: RULESET_README_URL,
  description: 'API Exposure Lint: audience-aware rules for external and internal OpenAPI operations.',
  formats: [oas2, oas3],
  rules: Object.fromEntries(EXPOSURE_RULE_CODES.map((code) => [code, rule(code)])),
};
