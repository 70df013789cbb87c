// external-deprecation-sunset: `deprecated: true` tells external developers to move away, not by when.
// They plan releases months ahead, so a deprecated external operation announces its end: a `Sunset`
// (RFC 8594) or `Deprecation` (RFC 9745) response header is documented, or the operation carries an
// `x-sunset` date. The quick fix documents a `Sunset` header on the operation's inline 2xx responses;
// it is never applied by fix-all, because the server must then send the header. It does not write an
// `x-sunset` date: only the author knows it, and a placeholder date would be a false announcement.
import { type Fixer, getIn, isObject, responseHeaderNames, setValue } from '../../../server/src/engine/rules-api';
import { perOperationRule } from '../lib/per-operation';
import { responsesOf } from '../lib/lint-memo';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-deprecation-sunset'> = {
  code: 'external-deprecation-sunset',
  severity: 'warn',
  appliesTo: 'external',
  description: 'Deprecated external operations announce their end: a Sunset or Deprecation response header, or an x-sunset date.',
};

function isDate(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === 'string' && /\b\d{4}\b/.test(value) && !Number.isNaN(Date.parse(value));
}

export const check = perOperationRule('external', (_document, op) => {
  if (op.operation.deprecated !== true) return undefined;
  if ('x-sunset' in op.operation) {
    return isDate(op.operation['x-sunset'])
      ? undefined
      : `is deprecated and its x-sunset ${JSON.stringify(op.operation['x-sunset'])} is not a date`;
  }
  const announced = Object.values(responsesOf(op.operation)).some((r) =>
    responseHeaderNames(r).some((h) => h === 'sunset' || h === 'deprecation'),
  );
  if (announced) return undefined;
  return 'is deprecated without announcing its end: document a Sunset or Deprecation response header, or add an x-sunset date';
});

const SUNSET_DESCRIPTION = 'Date and time after which this deprecated operation stops working (RFC 8594).';

export const fix: Fixer<'external-deprecation-sunset'> = (ctx) => {
  const opPath = ctx.operationPath;
  const operation = opPath ? getIn(ctx.data, opPath) : undefined;
  if (!opPath || !isObject(operation) || operation.deprecated !== true || 'x-sunset' in operation) return [];
  const list = isObject(operation.responses) ? operation.responses : {};
  // Shared ($ref'd) responses also serve operations that are not deprecated: leave them alone.
  const hasSunset = (response: Record<string, unknown>) =>
    isObject(response.headers) && Object.keys(response.headers).some((h) => h.toLowerCase() === 'sunset');
  const inline = Object.keys(list).filter((code) => {
    const response = list[code];
    return /^2(\d\d|xx)$/i.test(code) && isObject(response) && !('$ref' in response) && !hasSunset(response);
  });
  if (inline.length === 0) return [];
  const header =
    ctx.version === '2.0'
      ? { description: SUNSET_DESCRIPTION, type: 'string' }
      : { description: SUNSET_DESCRIPTION, schema: { type: 'string' } };
  return [
    {
      title: `Document a Sunset header on the ${inline.join(', ')} response${inline.length > 1 ? 's' : ''}`,
      id: 'external-deprecation-sunset/sunset-header',
      isPreferred: true,
      safe: false,
      ops: inline.map((code) => setValue([...opPath, 'responses', code, 'headers', 'Sunset'], header)),
    },
  ];
};
