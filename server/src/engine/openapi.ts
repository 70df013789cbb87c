// Small, dependency-free helpers to walk an OpenAPI 2.0 / 3.x document: operations,
// effective security, security schemes and responses. They work on plain parsed data
// (resolved or not) and never throw on odd shapes: anything unexpected reads as "absent".
import type { JsonPath } from './types';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isOas2(data: unknown): boolean {
  return isObject(data) && typeof data.swagger === 'string';
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  jsonPath: JsonPath;
  operation: JsonObject;
  pathItem: JsonObject;
}

/** Every operation, in document order (path keys, then method keys as written). */
export function listOperations(data: unknown): OperationEntry[] {
  const entries: OperationEntry[] = [];
  if (!isObject(data) || !isObject(data.paths)) return entries;
  for (const [path, pathItem] of Object.entries(data.paths)) {
    if (!isObject(pathItem)) continue;
    for (const [key, operation] of Object.entries(pathItem)) {
      const method = key.toLowerCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method) || !isObject(operation)) continue;
      entries.push({ path, method: method as HttpMethod, jsonPath: ['paths', path, key], operation, pathItem });
    }
  }
  return entries;
}

/** "GET /orders" */
export function operationLabel(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

// ---------------------------------------------------------------------------------------------
// Security

/** One alternative of a security requirement list: scheme name → scopes (or roles in 3.1). */
export type SecurityAlternative = Record<string, string[]>;

export interface EffectiveSecurity {
  /** Where the requirement list came from; 'none' when neither the operation nor the root declares one. */
  source: 'operation' | 'root' | 'none';
  alternatives: SecurityAlternative[];
}

/** Operation `security` wins over root `security`, even when empty (`security: []` disables auth). */
export function effectiveSecurity(data: unknown, operation: JsonObject): EffectiveSecurity {
  if (Array.isArray(operation.security)) return { source: 'operation', alternatives: toAlternatives(operation.security) };
  if (isObject(data) && Array.isArray(data.security)) return { source: 'root', alternatives: toAlternatives(data.security) };
  return { source: 'none', alternatives: [] };
}

function toAlternatives(list: unknown[]): SecurityAlternative[] {
  return list.map((item) => {
    const alternative: SecurityAlternative = {};
    if (!isObject(item)) return alternative;
    for (const [name, scopes] of Object.entries(item)) {
      alternative[name] = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
    }
    return alternative;
  });
}

/** `components.securitySchemes` (3.x) or `securityDefinitions` (2.0). */
export function securitySchemes(data: unknown): Record<string, JsonObject> {
  if (!isObject(data)) return {};
  const raw = isOas2(data) ? data.securityDefinitions : isObject(data.components) ? data.components.securitySchemes : undefined;
  const schemes: Record<string, JsonObject> = {};
  if (isObject(raw)) for (const [name, scheme] of Object.entries(raw)) if (isObject(scheme)) schemes[name] = scheme;
  return schemes;
}

export function schemeType(scheme: JsonObject): string {
  return typeof scheme.type === 'string' ? scheme.type : 'unknown';
}

/** OAuth 2 or OpenID Connect: the schemes that carry delegated, scoped authorization. */
export function isOAuthLike(scheme: JsonObject): boolean {
  return scheme.type === 'oauth2' || scheme.type === 'openIdConnect';
}

/**
 * Scopes a scheme defines: 2.0 `scopes`, 3.x the union of `flows.*.scopes`.
 * Undefined when they cannot be known (openIdConnect publishes them in its discovery document).
 */
export function definedScopes(scheme: JsonObject): Set<string> | undefined {
  if (scheme.type === 'openIdConnect') return undefined;
  const scopes = new Set<string>();
  const add = (map: unknown) => {
    if (isObject(map)) for (const name of Object.keys(map)) scopes.add(name);
  };
  add(scheme.scopes);
  if (isObject(scheme.flows)) for (const flow of Object.values(scheme.flows)) if (isObject(flow)) add(flow.scopes);
  return scopes;
}

// ---------------------------------------------------------------------------------------------
// Responses and headers

export function responses(operation: JsonObject): Record<string, JsonObject> {
  const result: Record<string, JsonObject> = {};
  if (isObject(operation.responses)) {
    for (const [code, response] of Object.entries(operation.responses)) if (isObject(response)) result[String(code)] = response;
  }
  return result;
}

/** 2xx responses, including the `2XX` range key. */
export function successResponses(operation: JsonObject): JsonObject[] {
  return Object.entries(responses(operation))
    .filter(([code]) => /^2(\d\d|xx)$/i.test(code))
    .map(([, response]) => response);
}

/** Header names of a response, lower-cased (headers are case-insensitive). */
export function responseHeaderNames(response: JsonObject | undefined): string[] {
  if (!response || !isObject(response.headers)) return [];
  return Object.keys(response.headers).map((name) => name.toLowerCase());
}
