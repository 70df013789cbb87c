// external-error-no-internals: an error body is read by strangers, and attackers read it closely. Stack
// traces, exception types, SQL and debug data tell them the stack, the schema and where it breaks. So
// the error response schemas of external operations declare no such property (`stackTrace`, `exception`,
// `sql`, `debug`, `internalMessage`, …; names compared without case, `_` or `-`; teams add names with
// `x-exposure.internalErrorProperties`). Nested objects, arrays, allOf/oneOf/anyOf and `$ref`s are
// followed. No quick fix: the server sends these fields; removing them from the document would hide them.
import { isObject, type JsonPath } from '../../../server/src/engine/rules-api';
import { errorResponses } from '../lib/errors';
import type { AudiencedOperation } from '../lib/per-operation';
import { documentRule, ResultSet } from '../lib/shared';
import type { RuleMeta } from '../lib/exposure-rule';

export const meta: RuleMeta<'external-error-no-internals'> = {
  code: 'external-error-no-internals',
  severity: 'error',
  appliesTo: 'external',
  description: 'Error response schemas of external operations expose no internals (stack traces, exceptions, SQL, debug data).',
};

export const INTERNAL_ERROR_PROPERTIES = [
  'stackTrace',
  'stack',
  'trace',
  'exception',
  'exceptionType',
  'exceptionClass',
  'exceptionMessage',
  'innerException',
  'sql',
  'sqlState',
  'sqlQuery',
  'debug',
  'debugInfo',
  'debugMessage',
  'internalMessage',
  'internalError',
  'internalDetails',
];

const normalise = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
const SUBSCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf'];
const MAX_DEPTH = 32;

export const check = documentRule(({ document, operations, config }) => {
  const denied = new Set([...INTERNAL_ERROR_PROPERTIES, ...(config.internalErrorProperties ?? [])].map(normalise));
  const results = new ResultSet();
  // A shared ($ref'd) schema is one object in the resolved document: walked once, under the first operation
  // that uses it; the results found in it then also concern the operations that use it later.
  const foundIn = new Map<object, JsonPath[]>(); // per run: a Map costs the garbage collector less than a WeakMap
  let op: AudiencedOperation;

  const walk = (schema: unknown, path: JsonPath, depth: number) => {
    if (!isObject(schema) || depth > MAX_DEPTH) return;
    const known = foundIn.get(schema);
    if (known) {
      for (const found of known) results.concern(found, [op]);
      return;
    }
    foundIn.set(schema, []); // a cycle back to it adds nothing
    const mark = results.mark();
    if (isObject(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        if (denied.has(normalise(name))) {
          results.add(
            [...path, 'properties', name],
            `Error schema property '${name}' exposes internals to the external clients that receive it ` +
              '(stack traces, exception types, SQL and debug data belong in logs, referenced by a correlation id)',
            [op],
          );
        }
        walk(property, [...path, 'properties', name], depth + 1);
      }
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((member, i) => walk(member, [...path, key, i], depth + 1));
    }
    for (const key of ['items', 'additionalProperties', 'not'] as const) walk(schema[key], [...path, key], depth + 1);
    foundIn.set(schema, results.pathsSince(mark));
  };

  for (const external of operations) {
    if (external.resolved.kind !== 'external') continue;
    op = external;
    for (const error of errorResponses(document, op)) if (error.schema) walk(error.schema.value, error.schema.jsonPath, 0);
  }
  return results.results;
});
