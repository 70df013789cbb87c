// external-oauth2: external operations must require OAuth 2 (or OpenID Connect) in every
// security alternative. Keeps existing OAuth alternatives, drops anonymous `{}` and non-OAuth ones.
import { setValue } from './edit-ops';
import { deriveScope, effectiveSecurity, isOAuthScheme, securitySchemes, type SecurityRequirement } from './openapi-model';
import type { FixContext, Fixer, PlannedFix } from './plan';
import { ensureOAuthScheme } from './security-ops';

function oauthAlternatives(ctx: FixContext, requirements: SecurityRequirement[]): SecurityRequirement[] {
  const schemes = securitySchemes(ctx.data, ctx.version);
  return requirements.filter((r) => Object.keys(r).some((name) => isOAuthScheme(schemes[name])));
}

export const fixExternalOAuth2: Fixer = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const { requirements, own } = effectiveSecurity(ctx.data, opPath);
  const kept = oauthAlternatives(ctx, requirements);
  if (requirements.length > 0 && kept.length === requirements.length) return [];

  const scope = deriveScope(String(opPath[1]), String(opPath[2]));
  const fixes: PlannedFix[] = [];
  {
    const scheme = ensureOAuthScheme(ctx, [scope]);
    const next = kept.length ? kept : [{ [scheme.name]: [scope] }];
    fixes.push({
      title: `Require OAuth 2 (${scheme.name}) for this operation${scheme.created ? ' (adds the scheme)' : ''}`,
      id: 'external-oauth2/operation',
      isPreferred: true,
      safe: true,
      ops: [...(kept.length ? [] : scheme.ops), setValue([...opPath, 'security'], next)],
    });
  }
  if (!own) {
    // Root security applies to every operation without its own `security`.
    const scheme = ensureOAuthScheme(ctx, kept.length ? [] : [scope]);
    const next = kept.length ? kept : [{ [scheme.name]: [] }];
    fixes.push({
      title: `Require OAuth 2 (${scheme.name}) for all operations${scheme.created ? ' (adds the scheme)' : ''}`,
      id: 'external-oauth2/document',
      safe: false,
      ops: [...(kept.length ? [] : scheme.ops), setValue(['security'], next)],
    });
  }
  return fixes;
};
