// The fixer of each exposure rule, by rule code.
import { fixAudienceDeclared } from './fix-audience';
import { fixCodeSamples } from './fix-code-samples';
import { fixExternalOAuth2 } from './fix-oauth2';
import { fixPermissionScopes } from './fix-permission-scopes';
import { fixRateLimit } from './fix-rate-limit';
import type { Fixer } from './plan';

export const FIXERS: Record<string, Fixer> = {
  'exposure-audience-declared': fixAudienceDeclared,
  'external-oauth2': fixExternalOAuth2,
  'external-rate-limit': fixRateLimit,
  'external-code-samples': fixCodeSamples,
  'internal-permission-scopes': fixPermissionScopes,
};
