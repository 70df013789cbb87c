// The exposure rules, in the order they are documented and reported. Adding a rule = one line here
// (its module in rules/, its page in ../docs/, its tests): the ruleset, SARIF metadata, quick fixes,
// hover/CodeLens requirements and the tests' code lists are derived from this list.
import { ruleFromParts } from './lib/exposure-rule';
import { exposureAudienceDeclared } from './rules/exposure-audience-declared';
import { externalOAuth2 } from './rules/external-oauth2';
import { externalRateLimit } from './rules/external-rate-limit';
import { externalCodeSamples } from './rules/external-code-samples';
import { internalPermissionScopes } from './rules/internal-permission-scopes';
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

export const EXPOSURE_RULES = [
  exposureAudienceDeclared,
  externalOAuth2,
  externalRateLimit,
  externalCodeSamples,
  internalPermissionScopes,
  ruleFromParts(externalHttps),
  ruleFromParts(externalNoInternalHosts),
  ruleFromParts(externalCodeSamplesServer),
  ruleFromParts(externalAuthResponses),
  ruleFromParts(externalErrorSchema),
  ruleFromParts(externalErrorNoInternals),
  ruleFromParts(externalCredentialsOnboarding),
  ruleFromParts(externalDeprecationSunset),
  ruleFromParts(internalNoPublicServers),
  ruleFromParts(exposureServersMarked),
] as const;
