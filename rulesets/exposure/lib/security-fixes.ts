// Shared by the OAuth 2 and permission-scope fixes: the scope naming convention, finding or creating
// the OAuth scheme, and declaring the scopes a requirement uses in every flow of that scheme.
import {
  findOAuthScheme,
  getIn,
  isObject,
  resolve,
  securitySchemesPath,
  setValue,
  type EditOp,
  type FixContext,
  type JsonObject,
  type JsonPath,
  type SpecVersion,
} from '../../../server/src/engine/rules-api';

const READ_METHODS = ['get', 'head', 'options', 'trace'];

/** `orders:read` for GET /orders/{id}, `orders:write` for POST /v1/orders: first non-parameter, non-version segment. */
export function deriveScope(pathKey: string, method: string): string {
  const segments = pathKey.split('/').filter((s) => s && !s.includes('{') && !/^v\d+(\.\d+)*$/i.test(s));
  const resource = segments[0]?.replace(/[^A-Za-z0-9_.-]/g, '') || 'api';
  return `${resource}:${READ_METHODS.includes(method.toLowerCase()) ? 'read' : 'write'}`;
}

export function scopeDescription(scope: string): string {
  const [resource, action] = scope.split(':');
  return `${action === 'read' ? 'Read' : 'Create, change and delete'} ${resource}`;
}

/** "oauth2", or "oauth2Auth", "oauth2Auth2", … when the name is taken by another scheme. */
function freeSchemeName(data: unknown, version: SpecVersion): string {
  const raw = getIn(data, securitySchemesPath(version));
  const taken = (name: string) => isObject(raw) && name in raw;
  if (!taken('oauth2')) return 'oauth2';
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'oauth2Auth' : `oauth2Auth${i}`;
    if (!taken(name)) return name;
  }
}

export const PLACEHOLDER_AUTHORIZATION_URL = 'https://auth.example.com/oauth2/authorize';
export const PLACEHOLDER_TOKEN_URL = 'https://auth.example.com/oauth2/token';

/** A new authorization-code OAuth 2 scheme with placeholder URLs to replace. */
function newOAuthScheme(version: SpecVersion, scopes: Record<string, string>): JsonObject {
  const description = 'OAuth 2.0 authorization code flow. Replace the placeholder URLs with your authorization server.';
  if (version === '2.0') {
    return {
      type: 'oauth2',
      description,
      flow: 'accessCode',
      authorizationUrl: PLACEHOLDER_AUTHORIZATION_URL,
      tokenUrl: PLACEHOLDER_TOKEN_URL,
      scopes,
    };
  }
  return {
    type: 'oauth2',
    description,
    flows: { authorizationCode: { authorizationUrl: PLACEHOLDER_AUTHORIZATION_URL, tokenUrl: PLACEHOLDER_TOKEN_URL, scopes } },
  };
}

/** Paths (in the data) where a scope must be declared for a scheme: every flow's `scopes`, or `scopes` in 2.0. */
function scopeDeclarationPaths(data: unknown, version: SpecVersion, schemeName: string): JsonPath[] {
  const located = resolve(data, [...securitySchemesPath(version), schemeName]);
  if (!located || !isObject(located.value) || located.value.type !== 'oauth2') return [];
  if (version === '2.0') return [[...located.path, 'scopes']];
  const flows = located.value.flows;
  if (!isObject(flows)) return [];
  return Object.keys(flows).map((flow) => [...located.path, 'flows', flow, 'scopes']);
}

/** The OAuth scheme to require, plus the ops that create it (when missing) or declare the scopes in it. */
export function ensureOAuthScheme(ctx: FixContext, scopes: string[]): { name: string; created: boolean; ops: EditOp[] } {
  const existing = findOAuthScheme(ctx.data);
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
