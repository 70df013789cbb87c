// external-rate-limit: external clients need to know they are being limited and when to retry,
// so an external operation documents a 429 with Retry-After and rate-limit headers.
// The quick fix adds the 429 once in components and shares it by `$ref`; an existing 429 (inline or
// shared) only gets the headers it lacks, edited where it is defined.
// With OWASP's ruleset extended next to this one, OWASP's rate-limit rules are not reported on
// operations: this rule checks the concern for external operations, and it does not apply to internal ones.
import {
  deref,
  getIn,
  isObject,
  isSuccessStatus,
  RATE_LIMIT_HEADER,
  resolve,
  responseHeaderNames,
  setValue,
  type EditOp,
  type Fixer,
  type JsonObject,
  type SpecVersion,
} from '../../../server/src/engine/rules-api';
import { exposureRule } from '../lib/exposure-rule';
import { perOperationRule } from '../lib/per-operation';
import { responsesOf } from '../lib/lint-memo';

const CODE = 'external-rate-limit';

const check = perOperationRule('external', (_document, op) => {
  const byStatus = responsesOf(op.operation);
  const tooManyRequests = byStatus['429'];
  const missing: string[] = [];
  if (!tooManyRequests) missing.push('a 429 response with a Retry-After header');
  else if (!responseHeaderNames(tooManyRequests).includes('retry-after')) missing.push('a Retry-After header on its 429 response');

  const documents = (response: JsonObject | undefined) => responseHeaderNames(response).some((h) => RATE_LIMIT_HEADER.test(h));
  const hasRateLimitHeaders =
    documents(tooManyRequests) || Object.keys(byStatus).some((code) => isSuccessStatus(code) && documents(byStatus[code]));
  if (!hasRateLimitHeaders) {
    missing.push(
      'rate-limit headers (RateLimit/RateLimit-Policy, RateLimit-Limit/-Remaining/-Reset or X-RateLimit-*) on its 429 or 2xx responses',
    );
  }
  return missing.length ? `does not document rate limiting: missing ${missing.join('; missing ')}` : undefined;
});

export const TOO_MANY_REQUESTS = 'TooManyRequests';

const HEADER_DESCRIPTIONS: Record<string, { description: string; type: 'integer' | 'string' }> = {
  'Retry-After': { description: 'Seconds to wait before making a new request.', type: 'integer' },
  RateLimit: { description: 'Quota left in the current window, e.g. `"default";r=0;t=30` (IETF RateLimit header fields).', type: 'string' },
  'RateLimit-Policy': { description: 'Quota policy of this endpoint, e.g. `"default";q=100;w=60`.', type: 'string' },
};

function headerDefinition(version: SpecVersion, name: string): JsonObject {
  const { description, type } = HEADER_DESCRIPTIONS[name];
  return version === '2.0' ? { description, type } : { description, schema: { type } };
}

/** An RFC 9457 problem details object (also used by the 401/403 responses external-auth-responses adds). */
export function problemSchema(): JsonObject {
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

export function tooManyRequestsResponse(version: SpecVersion): JsonObject {
  const headers = Object.fromEntries(Object.keys(HEADER_DESCRIPTIONS).map((name) => [name, headerDefinition(version, name)]));
  const description = 'Too many requests: the rate limit is exceeded. Retry after the time given in Retry-After.';
  if (version === '2.0') return { description, headers, schema: problemSchema() };
  return { description, headers, content: { 'application/problem+json': { schema: problemSchema() } } };
}

function componentPath(version: SpecVersion): (string | number)[] {
  return version === '2.0' ? ['responses', TOO_MANY_REQUESTS] : ['components', 'responses', TOO_MANY_REQUESTS];
}

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
  const success = isObject(responses) ? Object.entries(responses).filter(([code]) => isSuccessStatus(code)) : [];
  const documented = [...present, ...success.flatMap(([, r]) => headerNames(data, r))].some((h) => RATE_LIMIT_HEADER.test(h));
  if (!documented) wanted.push(...['RateLimit', 'RateLimit-Policy'].filter((h) => !present.includes(h.toLowerCase())));
  return wanted.map((name) => setValue([...path, 'headers', name], headerDefinition(version, name)));
}

const fixRateLimit: Fixer<typeof CODE> = (ctx) => {
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
        id: `${CODE}/headers`,
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
      id: `${CODE}/response`,
      isPreferred: true,
      safe: true,
      ops,
    },
  ];
};

/** OWASP API Security Top 10 rules about rate limiting (2019 and 2023 editions). */
export const OWASP_RATE_LIMIT_RULES = [
  'owasp:api4:2019-rate-limit',
  'owasp:api4:2019-rate-limit-retry-after',
  'owasp:api4:2019-rate-limit-responses-429',
  'owasp:api4:2023-rate-limit',
  'owasp:api4:2023-rate-limit-retry-after',
  'owasp:api4:2023-rate-limit-responses-429',
] as const;

export const externalRateLimit = exposureRule({
  code: CODE,
  severity: 'warn',
  appliesTo: 'external',
  summary: 'rate limit',
  description: 'External operations document a 429 response with Retry-After and rate-limit headers.',
  function: check,
  fixers: [fixRateLimit],
  supersedes: OWASP_RATE_LIMIT_RULES,
});
