// external-oauth2: every way into an external operation must go through OAuth 2 or
// OpenID Connect, so partners and the public get revocable, scoped, delegated access.
import { isOAuthLike, schemeType } from '../../../server/src/engine/openapi';
import { perOperationRule } from './per-operation';
import { alternativeBasics, inheritedNote, missingSecurity, securityOf } from './security';

const PREFIX = 'is not secured by OAuth 2 / OpenID Connect: ';

export const externalOAuth2 = perOperationRule('external', (document, op) => {
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
