// The one OpenAPI 2.0 / 3.x model every part of the product reads documents with: rules, fixes,
// hover, CodeLens and the CLI. Dependency-free helpers over plain parsed data (resolved or not) that
// never throw on odd shapes: anything unexpected reads as "absent". Local `$ref`s are followed where
// a fix must edit the place an object is defined (resolve) or read what it stands for (deref).
import type { JsonPath } from './types';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonObject = Record<string, unknown>;
export type SpecVersion = '2.0' | '3.0' | '3.1';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHttpMethod(key: unknown): key is HttpMethod {
  return typeof key === 'string' && (HTTP_METHODS as readonly string[]).includes(key.toLowerCase());
}

export function specVersion(data: unknown): SpecVersion {
  if (isObject(data) && typeof data.swagger === 'string' && data.swagger.startsWith('2')) return '2.0';
  if (isObject(data) && typeof data.openapi === 'string' && data.openapi.startsWith('3.1')) return '3.1';
  return '3.0';
}

export function isOas2(data: unknown): boolean {
  return isObject(data) && typeof data.swagger === 'string';
}

// ---------------------------------------------------------------------------------------------
// Paths and $refs

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

// ---------------------------------------------------------------------------------------------
// Operations

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
      if (!isHttpMethod(key) || !isObject(operation)) continue;
      entries.push({ path, method: key.toLowerCase() as HttpMethod, jsonPath: ['paths', path, key], operation, pathItem });
    }
  }
  return entries;
}

/** The operation a JSON path is under: ["paths", path, method]; undefined outside operations. */
export function operationPathOf(path: readonly (string | number)[]): JsonPath | undefined {
  if (path.length >= 3 && path[0] === 'paths' && isHttpMethod(String(path[2]))) return path.slice(0, 3) as JsonPath;
  return undefined;
}

/** "GET /orders" */
export function operationLabel(op: { method: string; path: string }): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

// ---------------------------------------------------------------------------------------------
// Security

/** One alternative of a security requirement list: scheme name → scopes (or roles in 3.1). */
export type SecurityAlternative = Record<string, string[]>;
export type SecurityRequirement = SecurityAlternative;

export interface EffectiveSecurity {
  /** Where the requirement list came from; 'none' when neither the operation nor the root declares one. */
  source: 'operation' | 'root' | 'none';
  /** Every alternative; an item that is not an object reads as `{}` (it grants nothing, like anonymous access). */
  alternatives: SecurityAlternative[];
}

/**
 * Operation `security` wins over root `security`, even when empty (`security: []` disables auth).
 * `operation` is the operation object, or its JSON path in `data`.
 */
export function effectiveSecurity(data: unknown, operation: JsonObject | JsonPath): EffectiveSecurity {
  const op = Array.isArray(operation) ? getIn(data, operation) : operation;
  if (isObject(op) && Array.isArray(op.security)) return { source: 'operation', alternatives: toAlternatives(op.security) };
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

/** Where security schemes are declared: `securityDefinitions` (2.0) or `components.securitySchemes` (3.x). */
export function securitySchemesPath(version: SpecVersion): JsonPath {
  return version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
}

/** Security schemes by name, `$ref`'d ones followed. */
export function securitySchemes(data: unknown): Record<string, JsonObject> {
  const raw = getIn(data, securitySchemesPath(specVersion(data)));
  const schemes: Record<string, JsonObject> = {};
  if (isObject(raw)) {
    for (const [name, scheme] of Object.entries(raw)) {
      const value = deref(data, scheme);
      if (isObject(value)) schemes[name] = value;
    }
  }
  return schemes;
}

export function schemeType(scheme: JsonObject): string {
  return typeof scheme.type === 'string' ? scheme.type : 'unknown';
}

/** OAuth 2 or OpenID Connect: the schemes that carry delegated, scoped authorization. */
export function isOAuthLike(scheme: JsonObject | undefined): boolean {
  return !!scheme && (scheme.type === 'oauth2' || scheme.type === 'openIdConnect');
}

/** The scheme new requirements should use: the first OAuth 2 scheme, else the first OpenID Connect one. */
export function findOAuthScheme(data: unknown): string | undefined {
  const schemes = Object.entries(securitySchemes(data));
  return schemes.find(([, s]) => s.type === 'oauth2')?.[0] ?? schemes.find(([, s]) => s.type === 'openIdConnect')?.[0];
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

/** Responses by status code, `$ref`'d ones followed (locally) when `data` is given. */
export function responses(operation: JsonObject, data?: unknown): Record<string, JsonObject> {
  const result: Record<string, JsonObject> = {};
  if (isObject(operation.responses)) {
    for (const [code, raw] of Object.entries(operation.responses)) {
      const response = data === undefined ? raw : deref(data, raw);
      if (isObject(response)) result[String(code)] = response;
    }
  }
  return result;
}

export function isSuccessStatus(code: string): boolean {
  return /^2(\d\d|xx)$/i.test(code);
}

/** 2xx responses, including the `2XX` range key. */
export function successResponses(operation: JsonObject, data?: unknown): JsonObject[] {
  return Object.entries(responses(operation, data))
    .filter(([code]) => isSuccessStatus(code))
    .map(([, response]) => response);
}

/** Header names of a response, lower-cased (headers are case-insensitive). */
export function responseHeaderNames(response: JsonObject | undefined, data?: unknown): string[] {
  const resolved = data === undefined ? response : deref(data, response);
  if (!isObject(resolved) || !isObject(resolved.headers)) return [];
  return Object.keys(resolved.headers).map((name) => name.toLowerCase());
}

/** Header names accepted as rate-limit headers: IETF RateLimit / RateLimit-Policy, the draft RateLimit-Limit|Remaining|Reset, X- conventions. */
export const RATE_LIMIT_HEADER = /^(ratelimit|ratelimit-policy|ratelimit-(limit|remaining|reset)|x-ratelimit-.+|x-rate-limit-.+)$/i;

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
