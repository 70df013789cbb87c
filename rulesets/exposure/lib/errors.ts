// Error responses of an operation and the schema each one documents, shared by the rules about
// error responses (401/403, one error schema, no internals). Works on the resolved document Spectral
// hands to functions, so `$ref`s are already followed; results located inside a `$ref`'d component
// are reported by Spectral where the component is written.
import { isOas2, isObject, type JsonObject, type JsonPath, type OperationEntry } from '../../../server/src/engine/rules-api';
import { responsesOf } from './lint-memo';

/** 4xx, 5xx, their `4XX`/`5XX` ranges, and `default` (which describes the errors in practice). */
export const isErrorStatus = (code: string) => /^[45](\d\d|xx)$/i.test(code) || code === 'default';

export interface ErrorResponse {
  status: string;
  response: JsonObject;
  jsonPath: JsonPath;
  /** The documented body schema and where it is, or undefined when the response has no body schema. */
  schema?: { value: JsonObject; jsonPath: JsonPath; mediaType?: string };
}

/** The body schema of a response: `application/problem+json` first, then any JSON media type, then any. */
export function responseSchema(document: unknown, response: JsonObject, at: JsonPath): ErrorResponse['schema'] {
  if (isOas2(document)) return isObject(response.schema) ? { value: response.schema, jsonPath: [...at, 'schema'] } : undefined;
  if (!isObject(response.content)) return undefined;
  const content = response.content;
  const types = Object.keys(content);
  // In this order of preference; each pass over the few media types is cheaper than building the ordered list.
  for (const prefer of [PROBLEM_JSON, ANY_JSON, undefined]) {
    for (const mediaType of types) {
      if (prefer && !prefer.test(mediaType)) continue;
      const media = content[mediaType];
      if (isObject(media) && isObject(media.schema))
        return { value: media.schema, jsonPath: [...at, 'content', mediaType, 'schema'], mediaType };
    }
  }
  return undefined;
}

const PROBLEM_JSON = /^application\/problem\+json/i;
const ANY_JSON = /json/i;

const errorResponsesByDocument = new WeakMap<object, WeakMap<object, ErrorResponse[]>>();

/** The operation's error responses; computed once per lint (three rules ask), the list shared read-only. */
export function errorResponses(document: unknown, op: OperationEntry): ErrorResponse[] {
  if (typeof document !== 'object' || document === null) return listErrorResponses(document, op);
  let byOperation = errorResponsesByDocument.get(document);
  if (!byOperation) errorResponsesByDocument.set(document, (byOperation = new WeakMap()));
  let list = byOperation.get(op.operation);
  if (!list) byOperation.set(op.operation, (list = listErrorResponses(document, op)));
  return list;
}

function listErrorResponses(document: unknown, op: OperationEntry): ErrorResponse[] {
  const list: ErrorResponse[] = [];
  const byStatus = responsesOf(op.operation);
  for (const status of Object.keys(byStatus)) {
    if (!isErrorStatus(status)) continue;
    const response = byStatus[status];
    const jsonPath = [...op.jsonPath, 'responses', status];
    list.push({ status, response, jsonPath, schema: responseSchema(document, response, jsonPath) });
  }
  return list;
}

const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'externalDocs', 'xml', 'deprecated', '$comment']);

/**
 * A canonical text of a schema that ignores annotations (descriptions, examples, `x-` keys) and key order,
 * so two copies of the same error schema compare equal. Cycles and very deep schemas are cut off.
 */
export function schemaShape(schema: unknown, depth = 0, stack: object[] = []): string {
  if (Array.isArray(schema)) {
    if (depth > 24 || stack.includes(schema)) return '"…"';
    return `[${schema.map((item) => schemaShape(item, depth + 1, [...stack, schema])).join(',')}]`;
  }
  if (!isObject(schema)) return JSON.stringify(schema) ?? 'null';
  if (depth > 24 || stack.includes(schema)) return '"…"';
  const keys = Object.keys(schema)
    .filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'))
    .sort();
  const inner = [...stack, schema];
  const shapeOf = (key: string, value: unknown) => {
    if (!SCHEMA_MAPS.has(key) || !isObject(value)) return schemaShape(value, depth + 1, inner);
    const names = Object.keys(value).sort(); // property names are data, not annotations
    return `{${names.map((n) => `${JSON.stringify(n)}:${schemaShape(value[n], depth + 2, inner)}`).join(',')}}`;
  };
  return `{${keys.map((k) => `${JSON.stringify(k)}:${shapeOf(k, schema[k])}`).join(',')}}`;
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
