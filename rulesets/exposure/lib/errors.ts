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

/** Nodes one shape may describe: past it, the rest of the schema reads as "…". */
const SHAPE_NODE_BUDGET = 2_000;
const CUT = '"…"';

/**
 * A canonical text of a schema that ignores annotations (descriptions, examples, `x-` keys) and key order,
 * so two copies of the same error schema compare equal. Cycles (a schema inside itself, or the `$ref` Spectral
 * leaves where one closes), schemas deeper than 24 levels and whatever comes after the first 2,000 nodes are
 * cut off: error schemas are small, but one that embeds a whole API (Stripe's error embeds the charge, which
 * embeds the customer, …) has more distinct paths than can be written out.
 */
export function schemaShape(schema: unknown): string {
  if (!isObject(schema)) return shapeOf(schema);
  // Hundreds of responses share one error schema: its shape is written once (the parsed and resolved objects
  // of a document are never changed, and an edited part is a new object).
  let known = shapes.get(schema);
  if (known === undefined) shapes.set(schema, (known = shapeOf(schema)));
  return known;
}

const shapes = new WeakMap<object, string>();

function shapeOf(schema: unknown): string {
  let budget = SHAPE_NODE_BUDGET;
  const stack: object[] = [];
  const shape = (value: unknown, depth: number): string => {
    if (!isObject(value) && !Array.isArray(value)) return JSON.stringify(value) ?? 'null';
    if (depth > 24 || budget-- <= 0 || stack.includes(value)) return CUT;
    stack.push(value);
    try {
      if (Array.isArray(value)) return `[${value.map((item) => shape(item, depth + 1)).join(',')}]`;
      if (typeof value.$ref === 'string') return CUT;
      const keys = Object.keys(value)
        .filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'))
        .sort();
      const member = (key: string, child: unknown) => {
        if (!SCHEMA_MAPS.has(key) || !isObject(child)) return shape(child, depth + 1);
        const names = Object.keys(child).sort(); // property names are data, not annotations
        return `{${names.map((n) => `${JSON.stringify(n)}:${shape(child[n], depth + 2)}`).join(',')}}`;
      };
      return `{${keys.map((k) => `${JSON.stringify(k)}:${member(k, value[k])}`).join(',')}}`;
    } finally {
      stack.pop();
    }
  };
  return shape(schema, 0);
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
