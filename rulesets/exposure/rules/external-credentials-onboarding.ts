// external-credentials-onboarding: an internal caller asks a colleague for credentials; a stranger has
// only the documentation. Every security scheme an external operation uses tells a developer how to get
// credentials: a non-empty `description` (where to register, which plan, how to request scopes), or an
// `x-registration-url` link to the registration page. An OAuth `authorizationUrl` does not count: it is
// where users log in, not where a developer registers a client. No quick fix: a placeholder description
// would silence the rule without helping anyone.
import { isObject, isOas2, securitySchemes } from '../../../server/src/engine/rules-api';
import { securityOf } from '../lib/security-checks';
import type { AudiencedOperation } from '../lib/per-operation';
import { addToGroup, documentRule, operationList, ResultSet } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-credentials-onboarding'> = {
  code: 'external-credentials-onboarding',
  severity: 'warn',
  appliesTo: 'external',
  description: 'Security schemes used by external operations tell developers how to get credentials (description or x-registration-url).',
};

const PLACEHOLDER = /^(todo|tbd|fixme|n\/?a|none|-+|\.+)$/i;
const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '' && !PLACEHOLDER.test(value.trim());

export const check = documentRule(({ document, operations }) => {
  const schemes = securitySchemes(document);
  const users = new Map<string, AudiencedOperation[]>();
  for (const op of operations) {
    if (op.resolved.kind !== 'external') continue;
    for (const alternative of securityOf(document, op.operation).security.alternatives) {
      for (const name of Object.keys(alternative)) if (schemes[name]) addToGroup(users, name, op);
    }
  }
  const results = new ResultSet();
  const holder = isOas2(document) ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  for (const [name, ops] of users) {
    const scheme = schemes[name];
    if (hasText(scheme.description) || hasText(scheme['x-registration-url']) || hasText(scheme['x-registrationUrl'])) continue;
    const type = typeof scheme.type === 'string' ? `${scheme.type} ` : '';
    results.add(
      [...holder, name],
      `The ${type}security scheme '${name}' protects external operations (${operationList(ops)}) but does not say how to get ` +
        'credentials: add a description (where to register, how to get keys or client ids) or an x-registration-url',
      ops,
    );
  }
  return isObject(document) ? results.results : [];
});
