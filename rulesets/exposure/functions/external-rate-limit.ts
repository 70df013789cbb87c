// external-rate-limit: external clients need to know they are being limited and when to retry,
// so an external operation documents a 429 with Retry-After and rate-limit headers.
import { responseHeaderNames, responses, successResponses } from '../../../server/src/engine/openapi';
import { perOperationRule } from './per-operation';

/** IETF RateLimit / RateLimit-Policy, the draft RateLimit-Limit|Remaining|Reset, and the X- conventions. */
const RATE_LIMIT_HEADER = /^(ratelimit|ratelimit-policy|ratelimit-(limit|remaining|reset)|x-ratelimit-.+|x-rate-limit-.+)$/i;

export const externalRateLimit = perOperationRule('external', (_document, op) => {
  const tooManyRequests = responses(op.operation)['429'];
  const missing: string[] = [];
  if (!tooManyRequests) missing.push('a 429 response with a Retry-After header');
  else if (!responseHeaderNames(tooManyRequests).includes('retry-after')) missing.push('a Retry-After header on its 429 response');

  const candidates = [tooManyRequests, ...successResponses(op.operation)];
  const hasRateLimitHeaders = candidates.some((response) => responseHeaderNames(response).some((h) => RATE_LIMIT_HEADER.test(h)));
  if (!hasRateLimitHeaders) {
    missing.push('rate-limit headers (RateLimit/RateLimit-Policy, RateLimit-Limit/-Remaining/-Reset or X-RateLimit-*) on its 429 or 2xx responses');
  }
  return missing.length ? `does not document rate limiting: missing ${missing.join('; missing ')}` : undefined;
});
