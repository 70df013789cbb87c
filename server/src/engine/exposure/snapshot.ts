// What one OpenAPI document exposes, operation by operation: the facts a security reviewer compares
// between two versions (audience and its origin, security alternatives with scheme types and scopes,
// documented rate limiting) and the servers it is reachable on. Works on resolved data (multi-file
// descriptions already inlined) and never throws on odd shapes.
import { resolveOperationAudiences } from '../audience';
import {
  effectiveSecurity,
  isObject,
  isOas2,
  listOperations,
  responseHeaderNames,
  responses,
  schemeType,
  securitySchemes,
  successResponses,
} from '../openapi';
import type { AudienceConfig, JsonPath, ResolvedAudience } from '../types';

export interface SchemeUse {
  name: string;
  /** oauth2, openIdConnect, apiKey, http, mutualTLS, or "undefined" when the scheme is not defined. */
  type: string;
  scopes: string[];
}

/** One alternative of the security requirement list; no schemes at all means anonymous access (`{}`). */
export interface SecurityAlternativeExposure {
  schemes: SchemeUse[];
}

export interface OperationExposure {
  method: string;
  path: string;
  operationId?: string;
  jsonPath: JsonPath;
  audience: ResolvedAudience;
  /** Where the requirement list came from: the operation, the root, or nowhere (unsecured). */
  securitySource: 'operation' | 'root' | 'none';
  alternatives: SecurityAlternativeExposure[];
  /** A 429 response, and rate-limit headers on the 429 or 2xx responses. */
  rateLimit: { tooManyRequests: boolean; headers: boolean };
}

export interface ServerExposure {
  url: string;
  /** Marked `x-internal: true` (the OWASP ruleset's convention): not reachable from outside. */
  internal: boolean;
  jsonPath: JsonPath;
}

export interface DocumentExposure {
  operations: OperationExposure[];
  servers: ServerExposure[];
  /** Scheme name → type, as defined in the document. */
  schemes: Record<string, string>;
  /** Where the schemes are defined: components.securitySchemes (3.x) or securityDefinitions (2.0). */
  schemesAt: JsonPath;
}

const RATE_LIMIT_HEADER = /^(ratelimit|ratelimit-policy|ratelimit-(limit|remaining|reset)|x-ratelimit-.+|x-rate-limit-.+|retry-after)$/i;

function servers(data: unknown): ServerExposure[] {
  if (!isObject(data)) return [];
  if (isOas2(data)) {
    if (typeof data.host !== 'string') return [];
    const schemes = Array.isArray(data.schemes) && data.schemes.length > 0 ? data.schemes : ['https'];
    const base = typeof data.basePath === 'string' ? data.basePath : '';
    return schemes.map((scheme) => ({
      url: `${String(scheme)}://${data.host}${base}`,
      internal: data['x-internal'] === true,
      jsonPath: ['host'],
    }));
  }
  if (!Array.isArray(data.servers)) return [];
  return data.servers.flatMap((server, i) =>
    isObject(server) ? [{ url: String(server.url ?? ''), internal: server['x-internal'] === true, jsonPath: ['servers', i] }] : [],
  );
}

/** The exposure facts of every operation of a resolved document, in document order. */
export function documentExposure(resolved: unknown, audience: AudienceConfig, filePath: string): DocumentExposure {
  const defined = securitySchemes(resolved);
  const schemes: Record<string, string> = {};
  for (const [name, scheme] of Object.entries(defined)) schemes[name] = schemeType(scheme);
  const audiences = resolveOperationAudiences(resolved, audience, filePath);
  const operations = listOperations(resolved).map((op, i): OperationExposure => {
    const security = effectiveSecurity(resolved, op.operation);
    const tooManyRequests = responses(op.operation)['429'];
    const headerHolders = [tooManyRequests, ...successResponses(op.operation)];
    return {
      method: op.method,
      path: op.path,
      ...(typeof op.operation.operationId === 'string' ? { operationId: op.operation.operationId } : {}),
      jsonPath: op.jsonPath,
      audience: audiences[i].resolved,
      securitySource: security.source,
      alternatives: security.alternatives.map((alternative) => ({
        schemes: Object.entries(alternative).map(([name, scopes]) => ({ name, type: schemes[name] ?? 'undefined', scopes: [...scopes] })),
      })),
      rateLimit: {
        tooManyRequests: tooManyRequests !== undefined,
        headers: headerHolders.some((response) => responseHeaderNames(response).some((h) => RATE_LIMIT_HEADER.test(h))),
      },
    };
  });
  const schemesAt = isOas2(resolved) ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  return { operations, servers: servers(resolved), schemes, schemesAt };
}
