// internal-permission-scopes: internal operations must be authenticated and, where they use
// OAuth 2 / OpenID Connect, name scopes the scheme defines. The fix drops anonymous `{}`
// alternatives, gives scope-less OAuth requirements the derived scope (`orders:read`), declares
// missing scopes in every flow, and requires OAuth when the operation has no security at all.
import { setValue, type EditOp } from './edit-ops';
import {
  deepEqual,
  deriveScope,
  effectiveSecurity,
  findOAuthScheme,
  isOAuthScheme,
  securitySchemes,
  type SecurityRequirement,
} from './openapi-model';
import type { Fixer } from './plan';
import { declareScopes, ensureOAuthScheme } from './security-ops';

export const fixPermissionScopes: Fixer = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const scope = deriveScope(String(opPath[1]), String(opPath[2]));
  const schemes = securitySchemes(ctx.data, ctx.version);
  const { requirements } = effectiveSecurity(ctx.data, opPath);

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
        if (!isOAuthScheme(schemes[name])) continue;
        const list = Array.isArray(scopes) ? scopes.filter((s) => typeof s === 'string') : [];
        if (list.length === 0) copy[name] = [scope];
        declare(name, list.length ? list : [scope]);
      }
      return copy;
    });
  if (next.length === 0) {
    const existing = findOAuthScheme(ctx.data, ctx.version);
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
  if (!deepEqual(next, requirements)) ops.push(setValue([...opPath, 'security'], next));
  if (ops.length === 0) return [];
  return [
    {
      title: `Require the permission scope ${scope} for this operation`,
      id: 'internal-permission-scopes/operation',
      isPreferred: true,
      safe: true,
      ops,
    },
  ];
};
