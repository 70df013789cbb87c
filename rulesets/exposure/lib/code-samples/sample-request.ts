// Builds an example HTTP request for an operation (URL with example parameter values,
// required headers, credentials implied by its security, an example JSON body), the input
// of the code-sample generators.
import { deref, effectiveSecurity, getIn, isObject, securitySchemes } from '../../../../server/src/engine/rules-api';
import type { JsonObject as Json, JsonPath, SpecVersion } from '../../../../server/src/engine/rules-api';

export type SampleAuth =
  { kind: 'bearer' } | { kind: 'basic' } | { kind: 'apiKeyHeader'; name: string } | { kind: 'apiKeyQuery'; name: string };

export interface SampleRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  auth?: SampleAuth;
  contentType?: string;
  body?: unknown;
}

const FALLBACK_BASE = 'https://api.example.com';

/** The base URL of the server the operation is served by (its own, its path item's, else the root's; https first). */
function baseUrl(data: unknown, version: SpecVersion, operationPath: JsonPath): string {
  if (version === '2.0') {
    const own = getIn(data, [...operationPath, 'schemes']);
    const schemes = Array.isArray(own) ? own : getIn(data, ['schemes']);
    const scheme = Array.isArray(schemes)
      ? schemes.includes('https')
        ? 'https'
        : typeof schemes[0] === 'string'
          ? schemes[0]
          : 'https'
      : 'https';
    const host = getIn(data, ['host']);
    const basePath = getIn(data, ['basePath']);
    return `${scheme}://${typeof host === 'string' ? host : 'api.example.com'}${typeof basePath === 'string' && basePath !== '/' ? basePath : ''}`;
  }
  const server = [operationPath, operationPath.slice(0, 2), []].map((at) => getIn(data, [...at, 'servers', 0])).find(isObject);
  if (!isObject(server) || typeof server.url !== 'string') return FALLBACK_BASE;
  const variables = isObject(server.variables) ? server.variables : {};
  let url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
  });
  if (url.startsWith('/')) url = FALLBACK_BASE + url;
  return url.replace(/\/$/, '');
}

/** Path-item and operation parameters, the operation's winning on (name, in). */
function parameters(data: unknown, operationPath: JsonPath): Json[] {
  const byKey = new Map<string, Json>();
  for (const list of [getIn(data, [...operationPath.slice(0, 2), 'parameters']), getIn(data, [...operationPath, 'parameters'])]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = deref(data, raw);
      if (isObject(param) && typeof param.name === 'string') byKey.set(`${param.in}:${param.name}`, param);
    }
  }
  return [...byKey.values()];
}

function exampleOf(data: unknown, param: Json): unknown {
  if (param.example !== undefined) return param.example;
  if (param['x-example'] !== undefined) return param['x-example'];
  if (isObject(param.examples)) {
    const first = deref(data, Object.values(param.examples)[0]);
    if (isObject(first) && first.value !== undefined) return first.value;
  }
  const schema = deref(data, param.schema) ?? param;
  if (isObject(schema)) {
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
    if (schema.default !== undefined) return schema.default;
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  }
  return undefined;
}

/** Schemas one example may be built from: a request body of 50 properties that nest 6 deep has billions of paths. */
const EXAMPLE_SCHEMA_BUDGET = 300;

/** An example value built from a schema: its examples, else placeholder values by type (at most 300 schemas read). */
export function exampleFromSchema(data: unknown, raw: unknown, depth = 0, budget = { left: EXAMPLE_SCHEMA_BUDGET }): unknown {
  const schema = deref(data, raw);
  if (!isObject(schema) || depth > 6 || budget.left-- <= 0) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => exampleFromSchema(data, s, depth + 1, budget));
    if (parts.every((p) => isObject(p) || p === undefined)) return Object.assign({}, ...parts.filter(Boolean));
    return parts.find((p) => p !== undefined);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length) return exampleFromSchema(data, list[0], depth + 1, budget);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'object' || isObject(schema.properties)) {
    const out: Json = {};
    if (isObject(schema.properties))
      for (const [name, prop] of Object.entries(schema.properties)) {
        const propSchema = deref(data, prop);
        if (isObject(propSchema) && propSchema.readOnly === true) continue;
        const value = exampleFromSchema(data, propSchema, depth + 1, budget);
        if (value !== undefined) out[name] = value;
      }
    return out;
  }
  if (type === 'array') {
    const item = exampleFromSchema(data, schema.items, depth + 1, budget);
    return item === undefined ? [] : [item];
  }
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return true;
  if (type === 'string') {
    switch (schema.format) {
      case 'date-time':
        return '2024-01-01T00:00:00Z';
      case 'date':
        return '2024-01-01';
      case 'email':
        return 'user@example.com';
      case 'uuid':
        return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
      case 'uri':
      case 'url':
        return 'https://example.com';
      default:
        return 'string';
    }
  }
  return undefined;
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json(;|$)/i.test(mediaType);
}

function requestBody(
  data: unknown,
  version: SpecVersion,
  operationPath: JsonPath,
  params: Json[],
): { contentType: string; body: unknown } | undefined {
  if (version === '2.0') {
    const bodyParam = params.find((p) => p.in === 'body');
    if (!bodyParam) return undefined;
    const consumes = getIn(data, [...operationPath, 'consumes']) ?? getIn(data, ['consumes']);
    const contentType = Array.isArray(consumes)
      ? (consumes.find((c) => typeof c === 'string' && isJsonMediaType(c)) as string | undefined)
      : undefined;
    const body = bodyParam['x-example'] ?? exampleFromSchema(data, bodyParam.schema);
    return body === undefined ? undefined : { contentType: contentType ?? 'application/json', body };
  }
  const rb = deref(data, getIn(data, [...operationPath, 'requestBody']));
  if (!isObject(rb) || !isObject(rb.content)) return undefined;
  const mediaType = Object.keys(rb.content).find(isJsonMediaType);
  if (!mediaType) return undefined;
  const media = rb.content[mediaType];
  if (!isObject(media)) return undefined;
  let body: unknown = media.example;
  if (body === undefined && isObject(media.examples)) {
    const first = deref(data, Object.values(media.examples)[0]);
    if (isObject(first)) body = first.value;
  }
  if (body === undefined) body = exampleFromSchema(data, media.schema);
  return body === undefined ? undefined : { contentType: mediaType, body };
}

/** How a sample sends the credentials of one security scheme; undefined for schemes a sample cannot show. */
export function sampleAuthOf(scheme: Json | undefined): SampleAuth | undefined {
  if (!scheme) return undefined;
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return { kind: 'bearer' };
  if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') return { kind: 'bearer' };
  if ((scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') || scheme.type === 'basic') return { kind: 'basic' };
  if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
    if (scheme.in === 'header') return { kind: 'apiKeyHeader', name: scheme.name };
    if (scheme.in === 'query') return { kind: 'apiKeyQuery', name: scheme.name };
  }
  return undefined;
}

/** The credentials the operation's effective security asks for: the first scheme a sample can show. */
function authOf(data: unknown, operationPath: JsonPath): SampleAuth | undefined {
  const schemes = securitySchemes(data);
  for (const requirement of effectiveSecurity(data, operationPath).alternatives) {
    for (const name of Object.keys(requirement)) {
      const auth = sampleAuthOf(schemes[name]);
      if (auth) return auth;
    }
  }
  return undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function buildSampleRequest(data: unknown, version: SpecVersion, operationPath: JsonPath): SampleRequest {
  const [, pathKey, method] = operationPath.map(String);
  const params = parameters(data, operationPath);
  let path = pathKey;
  const query: string[] = [];
  const headers: Array<[string, string]> = [];
  for (const param of params) {
    const name = String(param.name);
    const example = exampleOf(data, param);
    if (param.in === 'path') {
      if (example !== undefined) path = path.split(`{${name}}`).join(encodeURIComponent(text(example)));
    } else if (param.in === 'query' && param.required === true) {
      query.push(`${encodeURIComponent(name)}=${example === undefined ? `{${name}}` : encodeURIComponent(text(example))}`);
    } else if (param.in === 'header' && param.required === true) {
      headers.push([name, example === undefined ? `{${name}}` : text(example)]);
    }
  }
  const auth = authOf(data, operationPath);
  const url = baseUrl(data, version, operationPath) + path + (query.length ? `?${query.join('&')}` : '');
  const request: SampleRequest = { method: method.toUpperCase(), url, headers, auth };
  const body = requestBody(data, version, operationPath, params);
  if (body) {
    request.contentType = body.contentType;
    request.body = body.body;
  }
  return request;
}
