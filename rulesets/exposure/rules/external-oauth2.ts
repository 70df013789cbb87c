// external-oauth2: every way into an external operation must go through OAuth 2 or
// OpenID Connect, so partners and the public get revocable, scoped, delegated access.
// The quick fix keeps existing OAuth alternatives and drops anonymous `{}` and non-OAuth ones
// (on the operation, or for every operation when the requirement is the root's).
import {
  effectiveSecurity,
  isOAuthLike,
  schemeType,
  securitySchemes,
  setValue,
  type Fixer,
  type PlannedFix,
  type SecurityRequirement,
} from '../../../server/src/engine/rules-api';
import { exposureRule } from '../lib/exposure-rule';
import { perOperationRule } from '../lib/per-operation';
import { alternativeBasics, inheritedNote, missingSecurity, securityOf } from '../lib/security-checks';
import { deriveScope, ensureOAuthScheme } from '../lib/security-fixes';
import { resyncCodeSampleOps } from '../lib/code-samples/resync';

const CODE = 'external-oauth2';
const PREFIX = 'is not secured by OAuth 2 / OpenID Connect: ';

const check = perOperationRule('external', (document, op) => {
  const view = securityOf(document, op.operation);
  const missing = missingSecurity(view);
  if (missing) return PREFIX + missing;

  const problems: string[] = [];
  view.security.alternatives.forEach((alternative, index) => {
    const basics = alternativeBasics(view, alternative, index);
    problems.push(...basics);
    const defined = Object.keys(alternative).filter((name) => view.schemes[name]);
    if (defined.length === 0 || defined.some((name) => isOAuthLike(view.schemes[name]))) return;
    const used = defined.map((name) => `${schemeType(view.schemes[name])} '${name}'`).join(' + ');
    problems.push(`alternative ${index + 1} uses ${used}`);
  });
  return problems.length ? PREFIX + problems.join('; ') + inheritedNote(view) : undefined;
});

const fixExternalOAuth2: Fixer<typeof CODE> = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const security = effectiveSecurity(ctx.data, opPath);
  const requirements = security.alternatives;
  const schemes = securitySchemes(ctx.data);
  const kept: SecurityRequirement[] = requirements.filter((r) => Object.keys(r).some((name) => isOAuthLike(schemes[name])));
  if (requirements.length > 0 && kept.length === requirements.length) return [];

  const scope = deriveScope(String(opPath[1]), String(opPath[2]));
  const fixes: PlannedFix<typeof CODE>[] = [];
  {
    const scheme = ensureOAuthScheme(ctx, [scope]);
    const next = kept.length ? kept : [{ [scheme.name]: [scope] }];
    fixes.push({
      title: `Require OAuth 2 (${scheme.name}) for this operation${scheme.created ? ' (adds the scheme)' : ''}`,
      id: `${CODE}/operation`,
      isPreferred: true,
      safe: true,
      // Generated code samples follow the new credentials (a sample sending X-API-Key would now be wrong).
      ops: [...(kept.length ? [] : scheme.ops), setValue([...opPath, 'security'], next), ...resyncCodeSampleOps(ctx.data, [opPath])],
    });
  }
  if (security.source !== 'operation') {
    // Root security applies to every operation without its own `security`.
    const scheme = ensureOAuthScheme(ctx, kept.length ? [] : [scope]);
    const next = kept.length ? kept : [{ [scheme.name]: [] }];
    fixes.push({
      title: `Require OAuth 2 (${scheme.name}) for all operations${scheme.created ? ' (adds the scheme)' : ''}`,
      id: `${CODE}/document`,
      safe: false,
      ops: [...(kept.length ? [] : scheme.ops), setValue(['security'], next), ...resyncCodeSampleOps(ctx.data, 'inheriting')],
    });
  }
  return fixes;
};

export const externalOAuth2 = exposureRule({
  code: CODE,
  severity: 'error',
  appliesTo: 'external',
  summary: 'OAuth',
  description: 'External operations require OAuth 2 or OpenID Connect in every security alternative.',
  function: check,
  fixers: [fixExternalOAuth2],
});
