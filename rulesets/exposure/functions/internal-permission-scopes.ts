// internal-permission-scopes: internal callers are trusted to be who they are, not to do
// everything. Internal operations must be authenticated and, when they use OAuth 2 /
// OpenID Connect, name the (defined) scopes that grant the permission.
import { definedScopes, isOAuthLike, schemeType } from '../../../server/src/engine/openapi';
import { perOperationRule } from './per-operation';
import { alternativeBasics, inheritedNote, missingSecurity, securityOf } from './security';

const PREFIX = 'does not enforce permission scopes: ';

export const internalPermissionScopes = perOperationRule('internal', (document, op) => {
  const view = securityOf(document, op.operation);
  const missing = missingSecurity(view);
  if (missing) return PREFIX + missing;

  const problems: string[] = [];
  view.security.alternatives.forEach((alternative, index) => {
    problems.push(...alternativeBasics(view, alternative, index));
    for (const [name, scopes] of Object.entries(alternative)) {
      const scheme = view.schemes[name];
      if (!scheme || !isOAuthLike(scheme)) continue;
      const label = `${schemeType(scheme)} '${name}'`;
      if (scopes.length === 0) {
        problems.push(`alternative ${index + 1} requires ${label} without any scope`);
        continue;
      }
      const defined = definedScopes(scheme); // undefined for openIdConnect: scopes live in its discovery document
      const unknown = defined ? scopes.filter((scope) => !defined.has(scope)) : [];
      if (unknown.length) {
        const list = unknown.map((s) => `'${s}'`).join(', ');
        problems.push(`alternative ${index + 1} requires scope${unknown.length > 1 ? 's' : ''} ${list} that ${label} does not define`);
      }
    }
  });
  return problems.length ? PREFIX + problems.join('; ') + inheritedNote(view) : undefined;
});
