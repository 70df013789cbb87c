// Shared by the OAuth 2 and permission-scope fixes: find or create the OAuth scheme,
// and declare the scopes a requirement uses in every flow of that scheme.
import { setValue, type EditOp } from './edit-ops';
import {
  findOAuthScheme,
  freeSchemeName,
  getIn,
  isObject,
  newOAuthScheme,
  scopeDeclarationPaths,
  scopeDescription,
  securitySchemesPath,
} from './openapi-model';
import type { FixContext } from './plan';

/** The OAuth scheme to require, plus the ops that create it (when missing) or declare the scopes in it. */
export function ensureOAuthScheme(ctx: FixContext, scopes: string[]): { name: string; created: boolean; ops: EditOp[] } {
  const existing = findOAuthScheme(ctx.data, ctx.version);
  if (existing) return { name: existing, created: false, ops: declareScopes(ctx, existing, scopes) };
  const name = freeSchemeName(ctx.data, ctx.version);
  const declared = Object.fromEntries(scopes.map((scope) => [scope, scopeDescription(scope)]));
  return { name, created: true, ops: [setValue([...securitySchemesPath(ctx.version), name], newOAuthScheme(ctx.version, declared))] };
}

/** Ops declaring the scopes missing from each flow of the scheme (none for OpenID Connect). */
export function declareScopes(ctx: FixContext, schemeName: string, scopes: string[]): EditOp[] {
  const ops: EditOp[] = [];
  for (const path of scopeDeclarationPaths(ctx.data, ctx.version, schemeName)) {
    const declared = getIn(ctx.data, path);
    for (const scope of scopes) {
      if (isObject(declared) && scope in declared) continue;
      ops.push(setValue([...path, scope], scopeDescription(scope)));
    }
  }
  return ops;
}
