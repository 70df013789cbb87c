// Read-only helpers over the document as plain data: OpenAPI version, local $refs,
// security schemes and requirements, and the scope naming convention shared by the fixes.
import type { JsonPath } from '../types';

export type Json = Record<string, unknown>;
export type SecurityRequirement = Record<string, string[]>;
export type SpecVersion = '2.0' | '3.0' | '3.1';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function specVersion(data: unknown): SpecVersion {
  if (isObject(data) && typeof data.swagger === 'string' && data.swagger.startsWith('2')) return '2.0';
  if (isObject(data) && typeof data.openapi === 'string' && data.openapi.startsWith('3.1')) return '3.1';
  return '3.0';
}

export function getIn(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** JSON path of a local `$ref` ("#/components/responses/X" → ["components","responses","X"]); undefined for remote refs. */
export function refPath(ref: unknown): JsonPath | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Follows local `$ref`s from `path`. Returns where the real object lives (the place to edit,
 * so a shared component is edited once) or undefined when it is remote or dangling.
 */
export function resolve(data: unknown, path: JsonPath): { path: JsonPath; value: unknown } | undefined {
  let current = path;
  for (let hops = 0; hops < 16; hops++) {
    const value = getIn(data, current);
    if (!isObject(value) || typeof value.$ref !== 'string') return value === undefined ? undefined : { path: current, value };
    const next = refPath(value.$ref);
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

/** Value of a possibly `$ref`'d object, or the object itself. */
export function deref(data: unknown, value: unknown): unknown {
  for (let hops = 0; hops < 16 && isObject(value) && typeof value.$ref === 'string'; hops++) {
    const path = refPath(value.$ref);
    if (!path) return undefined;
    value = getIn(data, path);
  }
  return value;
}

/** The operation a finding belongs to: ["paths", path, method]. */
export function operationPathOf(path: JsonPath): JsonPath | undefined {
  if (path.length >= 3 && path[0] === 'paths' && HTTP_METHODS.includes(String(path[2]).toLowerCase())) return path.slice(0, 3);
  return undefined;
}

export function securitySchemesPath(version: SpecVersion): JsonPath {
  return version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
}

export function securitySchemes(data: unknown, version: SpecVersion): Record<string, Json> {
  const raw = getIn(data, securitySchemesPath(version));
  const out: Record<string, Json> = {};
  if (isObject(raw)) for (const [name, scheme] of Object.entries(raw)) {
    const value = deref(data, scheme);
    if (isObject(value)) out[name] = value;
  }
  return out;
}

export function isOAuthScheme(scheme: Json | undefined): boolean {
  return !!scheme && (scheme.type === 'oauth2' || scheme.type === 'openIdConnect');
}

/** The scheme new requirements should use: the first OAuth 2 scheme, else the first OpenID Connect one. */
export function findOAuthScheme(data: unknown, version: SpecVersion): string | undefined {
  const schemes = Object.entries(securitySchemes(data, version));
  return schemes.find(([, s]) => s.type === 'oauth2')?.[0] ?? schemes.find(([, s]) => s.type === 'openIdConnect')?.[0];
}

/** "oauth2", or "oauth2Auth", "oauth2Auth2", … when the name is taken by another scheme. */
export function freeSchemeName(data: unknown, version: SpecVersion): string {
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
export function newOAuthScheme(version: SpecVersion, scopes: Record<string, string>): Json {
  if (version === '2.0') {
    return {
      type: 'oauth2',
      description: 'OAuth 2.0 authorization code flow. Replace the placeholder URLs with your authorization server.',
      flow: 'accessCode',
      authorizationUrl: PLACEHOLDER_AUTHORIZATION_URL,
      tokenUrl: PLACEHOLDER_TOKEN_URL,
      scopes,
    };
  }
  return {
    type: 'oauth2',
    description: 'OAuth 2.0 authorization code flow. Replace the placeholder URLs with your authorization server.',
    flows: {
      authorizationCode: { authorizationUrl: PLACEHOLDER_AUTHORIZATION_URL, tokenUrl: PLACEHOLDER_TOKEN_URL, scopes },
    },
  };
}

/** Security requirements in effect for an operation: its own, else the document's. */
export function effectiveSecurity(data: unknown, operationPath: JsonPath): { requirements: SecurityRequirement[]; own: boolean } {
  const own = getIn(data, [...operationPath, 'security']);
  if (Array.isArray(own)) return { requirements: own.filter(isObject) as SecurityRequirement[], own: true };
  const root = getIn(data, ['security']);
  return { requirements: Array.isArray(root) ? (root.filter(isObject) as SecurityRequirement[]) : [], own: false };
}

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

/** Paths (in the data) where a scope must be declared for a scheme: every flow's `scopes`, or `scopes` in 2.0. */
export function scopeDeclarationPaths(data: unknown, version: SpecVersion, schemeName: string): JsonPath[] {
  const located = resolve(data, [...securitySchemesPath(version), schemeName]);
  if (!located || !isObject(located.value) || located.value.type !== 'oauth2') return [];
  if (version === '2.0') return [[...located.path, 'scopes']];
  const flows = located.value.flows;
  if (!isObject(flows)) return [];
  return Object.keys(flows).map((flow) => [...located.path, 'flows', flow, 'scopes']);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
