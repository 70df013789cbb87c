// external-rate-limit: external operations document a 429 response with rate-limit headers.
// The response lives once in components and is shared by `$ref`; an existing 429 (inline or
// shared) only gets the headers it lacks, edited where it is defined.
import { setValue, type EditOp } from './edit-ops';
import { deref, getIn, isObject, resolve, type Json, type SpecVersion } from './openapi-model';
import type { Fixer } from './plan';

export const TOO_MANY_REQUESTS = 'TooManyRequests';

const HEADER_DESCRIPTIONS: Record<string, { description: string; type: 'integer' | 'string' }> = {
  'Retry-After': { description: 'Seconds to wait before making a new request.', type: 'integer' },
  RateLimit: { description: 'Quota left in the current window, e.g. `"default";r=0;t=30` (IETF RateLimit header fields).', type: 'string' },
  'RateLimit-Policy': { description: 'Quota policy of this endpoint, e.g. `"default";q=100;w=60`.', type: 'string' },
};

function headerDefinition(version: SpecVersion, name: string): Json {
  const { description, type } = HEADER_DESCRIPTIONS[name];
  return version === '2.0' ? { description, type } : { description, schema: { type } };
}

/** An RFC 9457 problem details object (also used by the 401/403 responses external-auth-responses adds). */
export function problemSchema(): Json {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer', format: 'int32' },
      detail: { type: 'string' },
    },
  };
}

export function tooManyRequestsResponse(version: SpecVersion): Json {
  const headers = Object.fromEntries(Object.keys(HEADER_DESCRIPTIONS).map((name) => [name, headerDefinition(version, name)]));
  const description = 'Too many requests: the rate limit is exceeded. Retry after the time given in Retry-After.';
  if (version === '2.0') return { description, headers, schema: problemSchema() };
  return { description, headers, content: { 'application/problem+json': { schema: problemSchema() } } };
}

function componentPath(version: SpecVersion): (string | number)[] {
  return version === '2.0' ? ['responses', TOO_MANY_REQUESTS] : ['components', 'responses', TOO_MANY_REQUESTS];
}

/** Header names the engine accepts as rate-limit headers (IETF, draft and X- conventions). */
const RATE_LIMIT_HEADER = /^(ratelimit|ratelimit-policy|ratelimit-(limit|remaining|reset)|x-ratelimit-.+|x-rate-limit-.+)$/i;

function headerNames(data: unknown, response: unknown): string[] {
  const headers = getIn(deref(data, response), ['headers']);
  return isObject(headers) ? Object.keys(headers) : [];
}

/**
 * Ops adding to the response at `path` what it lacks: Retry-After, and RateLimit/RateLimit-Policy
 * unless some rate-limit header is already documented there or on a 2xx response.
 */
function missingHeaderOps(data: unknown, version: SpecVersion, path: (string | number)[], operationPath?: (string | number)[]): EditOp[] {
  const present = headerNames(data, getIn(data, path)).map((h) => h.toLowerCase());
  const wanted = present.includes('retry-after') ? [] : ['Retry-After'];
  const responses = operationPath ? getIn(data, [...operationPath, 'responses']) : undefined;
  const success = isObject(responses) ? Object.entries(responses).filter(([code]) => /^2(\d\d|xx)$/i.test(code)) : [];
  const documented = [...present, ...success.flatMap(([, r]) => headerNames(data, r))].some((h) => RATE_LIMIT_HEADER.test(h));
  if (!documented) wanted.push(...['RateLimit', 'RateLimit-Policy'].filter((h) => !present.includes(h.toLowerCase())));
  return wanted.map((name) => setValue([...path, 'headers', name], headerDefinition(version, name)));
}

export const fixRateLimit: Fixer = (ctx) => {
  const opPath = ctx.operationPath;
  if (!opPath) return [];
  const { data, version } = ctx;
  const responsePath = [...opPath, 'responses', '429'];
  const existing = getIn(data, responsePath);
  if (existing !== undefined) {
    const target = resolve(data, responsePath);
    if (!target || !isObject(target.value)) return [];
    const ops = missingHeaderOps(data, version, target.path, opPath);
    if (ops.length === 0) return [];
    const shared = target.path.join('/') !== responsePath.join('/');
    return [
      {
        title: `Add rate-limit headers to the 429 response${shared ? ` (${target.path[target.path.length - 1]})` : ''}`,
        id: 'external-rate-limit/headers',
        isPreferred: true,
        safe: true,
        ops,
      },
    ];
  }
  const sharedPath = componentPath(version);
  const shared = getIn(data, sharedPath);
  const ops: EditOp[] = [setValue(responsePath, { $ref: `#/${sharedPath.join('/')}` })];
  if (shared === undefined) ops.push(setValue(sharedPath, tooManyRequestsResponse(version)));
  else ops.push(...missingHeaderOps(data, version, resolve(data, sharedPath)?.path ?? sharedPath, opPath));
  return [
    {
      title: `Add a 429 response (${TOO_MANY_REQUESTS}${shared === undefined ? ', created' : ''})`,
      id: 'external-rate-limit/response',
      isPreferred: true,
      safe: true,
      ops,
    },
  ];
};
