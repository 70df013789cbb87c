// Which servers serve an operation, for the rules about transport and exposure of servers.
// OpenAPI 3.x: the operation's `servers`, else its path item's, else the root's (an empty list counts
// as absent, like a missing one). Swagger 2.0 has no server objects: `schemes` + `host` + `basePath`.
import { isOas2, isObject, type JsonObject, type JsonPath, type OperationEntry } from '../../../server/src/engine/rules-api';

export type ServerLevel = 'root' | 'path item' | 'operation';

export interface ServerEntry {
  server: JsonObject;
  /** JSON path of the server object, e.g. ["servers", 0] or ["paths", "/a", "get", "servers", 1]. */
  jsonPath: JsonPath;
  level: ServerLevel;
}

function listed(holder: unknown, at: JsonPath, level: ServerLevel): ServerEntry[] {
  if (!isObject(holder) || !Array.isArray(holder.servers)) return [];
  return holder.servers.flatMap((server, i) => (isObject(server) ? [{ server, jsonPath: [...at, 'servers', i], level }] : []));
}

/** The servers an OpenAPI 3.x operation is served by (empty for Swagger 2.0, or when none is declared). */
export function operationServers(document: unknown, op: OperationEntry): ServerEntry[] {
  if (isOas2(document)) return [];
  const own = listed(op.operation, op.jsonPath, 'operation');
  if (own.length) return own;
  const fromPath = listed(op.pathItem, op.jsonPath.slice(0, 2), 'path item');
  if (fromPath.length) return fromPath;
  return listed(document, [], 'root');
}

/** Every server object the document declares (root, path items, operations), each once. */
export function allServers(document: unknown, operations: OperationEntry[]): ServerEntry[] {
  const out = listed(document, [], 'root');
  const seenPaths = new Set<string>();
  for (const op of operations) {
    if (!seenPaths.has(op.path)) {
      seenPaths.add(op.path);
      out.push(...listed(op.pathItem, op.jsonPath.slice(0, 2), 'path item'));
    }
    out.push(...listed(op.operation, op.jsonPath, 'operation'));
  }
  return out;
}

export function serverUrl(server: JsonObject): string | undefined {
  return typeof server.url === 'string' ? server.url : undefined;
}

/** Values a server variable can take: its enum, else its default. */
export function variableValues(server: JsonObject, name: string): string[] {
  const variables = isObject(server.variables) ? server.variables : {};
  const variable = isObject(variables[name]) ? variables[name] : {};
  const values = Array.isArray(variable.enum) ? variable.enum.filter((v): v is string => typeof v === 'string') : [];
  if (values.length) return values;
  return typeof variable.default === 'string' ? [variable.default] : [];
}

/** The URL with each `{variable}` replaced by its default (left as written when it has none). */
export function expandedUrl(server: JsonObject): string | undefined {
  const url = serverUrl(server);
  if (url === undefined) return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
}

/** The lower-cased schemes a server URL may use: `http`, `https`, …; empty for relative URLs. */
export function serverSchemes(server: JsonObject): string[] {
  const url = serverUrl(server);
  if (url === undefined) return [];
  const templated = /^\{([^}]+)\}:\/\//.exec(url);
  if (templated) return variableValues(server, templated[1]).map((v) => v.toLowerCase());
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  return scheme ? [scheme[1].toLowerCase()] : [];
}

/** Swagger 2.0: the schemes an operation uses (its own, else the root's), with where they are written. */
export function swaggerSchemes(document: unknown, op: OperationEntry): { schemes: string[]; jsonPath: JsonPath } | undefined {
  if (Array.isArray(op.operation.schemes)) return { schemes: strings(op.operation.schemes), jsonPath: [...op.jsonPath, 'schemes'] };
  if (isObject(document) && Array.isArray(document.schemes)) return { schemes: strings(document.schemes), jsonPath: ['schemes'] };
  return undefined;
}

function strings(list: unknown[]): string[] {
  return list.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase());
}
