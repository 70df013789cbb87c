// The exposure rules, in the order they are documented and reported. Adding a rule = one line here
// (its module in rules/, its page in ../docs/, its tests): the ruleset, SARIF metadata, quick fixes,
// hover/CodeLens requirements and the tests' code lists are derived from this list.
import { exposureAudienceDeclared } from './rules/exposure-audience-declared';
import { externalOAuth2 } from './rules/external-oauth2';
import { externalRateLimit } from './rules/external-rate-limit';
import { externalCodeSamples } from './rules/external-code-samples';
import { internalPermissionScopes } from './rules/internal-permission-scopes';

export const EXPOSURE_RULES = [exposureAudienceDeclared, externalOAuth2, externalRateLimit, externalCodeSamples, internalPermissionScopes] as const;
