// internal-permission-scopes: internal callers are trusted to be who they are, not to do
// everything. Internal operations must be authenticated and, when they use OAuth 2 /
// OpenID Connect, name the (defined) scopes that grant the permission.
// The quick fix drops anonymous `{}` alternatives, gives scope-less OAuth requirements the derived
// scope (`orders:read`), declares missing scopes in every flow, and requires OAuth when the operation
// has no security at all.
import {
  deepEqual,
  definedScopes,
  effectiveSecurity,
  findOAuthScheme,
  isOAuthLike,
  schemeType,
  securitySchemes,
  setValue,
  type EditOp,
  type Fixer,
  type SecurityRequirement,
} from '../../../server/src/engine/rules-api';
import { exposureRule } from '../lib/exposure-rule';
import { perOperationRule } from '../lib/per-operation';
import { alternativeBasics, inheritedNote, missingSecurity, securityOf } from '../lib/security-checks';
import { declareScopes, deriveScope, ensureOAuthScheme } from '../lib/security-fixes';
import { resyncCodeSampleOps } from '../lib/code-samples/resync';

const CODE = 'internal-permission-scopes';

const PREFIX = 'does not enforce permission scopes: ';

const check = perOperationRule('internal', (document, op) => {
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

const fixPermissionScopes: Fixer<typeof CODE> = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const scope = deriveScope(String(opPath[1]), String(opPath[2]));
  const schemes = securitySchemes(ctx.data);
  const requirements = effectiveSecurity(ctx.data, opPath).alternatives;

  const ops: EditOp[] = [];
  const toDeclare = new Map<string, Set<string>>();
  const declare = (scheme: string, scopes: string[]) => {
    const set = toDeclare.get(scheme) ?? new Set<string>();
    scopes.forEach((s) => set.add(s));
    toDeclare.set(scheme, set);
  };

  let next: SecurityRequirement[] = requirements
    .filter((r) => Object.keys(r).length > 0)
    .map((requirement) => {
      const copy: SecurityRequirement = { ...requirement };
      for (const [name, scopes] of Object.entries(requirement)) {
        if (!isOAuthLike(schemes[name])) continue;
        const list = Array.isArray(scopes) ? scopes.filter((s) => typeof s === 'string') : [];
        if (list.length === 0) copy[name] = [scope];
        declare(name, list.length ? list : [scope]);
      }
      return copy;
    });
  if (next.length === 0) {
    const existing = findOAuthScheme(ctx.data);
    if (existing) {
      declare(existing, [scope]);
      next = [{ [existing]: [scope] }];
    } else {
      const created = ensureOAuthScheme(ctx, [scope]);
      ops.push(...created.ops);
      next = [{ [created.name]: [scope] }];
    }
  }
  for (const [name, scopes] of toDeclare) ops.push(...declareScopes(ctx, name, [...scopes]));
  // Only write `security` on the operation when it changes (it may be inherited from the root).
  if (!deepEqual(next, requirements)) ops.push(setValue([...opPath, 'security'], next), ...resyncCodeSampleOps(ctx.data, [opPath]));
  if (ops.length === 0) return [];
  return [
    {
      title: `Require the permission scope ${scope} for this operation`,
      id: `${CODE}/operation`,
      isPreferred: true,
      safe: true,
      ops,
    },
  ];
};

export const internalPermissionScopes = exposureRule({
  code: CODE,
  severity: 'error',
  appliesTo: 'internal',
  summary: 'scopes',
  description: 'Internal operations are authenticated and require defined permission scopes.',
  function: check,
  fixers: [fixPermissionScopes],
});
