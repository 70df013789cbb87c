// Validates an example against the plain schemas most examples have, without compiling an ajv validator.
//
// Spectral's example rules (`oas3-valid-media-example`, `oas3-valid-schema-example`, …) compile an ajv validator for
// every distinct schema they meet and run it once or twice: on GitHub's 13 MB spec 1,051 compiles (~4.4 s of the
// lint worker's time, plus the garbage of code generation) for ~7,000 examples, 98% of them valid; on Blockfrost's
// 129 compiles for 682 examples (docs/benchmarks.md, round 17). A valid example needs no error message, so no
// compiled validator: this module walks the schema and the example directly, and only when they are plain:
//
// - the schema uses only the keywords below, with values every meta-schema Spectral's ajv instances use (draft-04,
//   draft-07, 2019-09, 2020-12) accepts, and nothing ajv refuses to compile (`nullable` without `type`, …); so a
//   schema answered here is one ajv compiles without an error, whose "schema is invalid" finding is not lost;
// - each keyword is evaluated as ajv evaluates it with Spectral's options (`strict: false`, formats from
//   ajv-formats, `unicodeRegExp: false`), through ajv's own runtime pieces (deep equality, string length) and
//   ajv-formats' own format functions;
// - the example is plain JSON data (no `undefined`, no non-finite number, no class instance, not too deep).
//
// Anything else (a `$ref`, `exclusiveMinimum`, whose meaning depends on the draft, `patternProperties`, …) gets
// `undefined`: the caller compiles with ajv as before. When the walk says the example is invalid, the caller asks
// ajv too, for its errors. test/unit/plain-schema-validator.test.mjs checks every answer against ajv's.
import ajvEqual from 'ajv/dist/runtime/equal';
import ucs2length from 'ajv/dist/runtime/ucs2length';
import { fullFormats } from 'ajv-formats/dist/formats';

// fast-deep-equal, as ajv's `enum`, `const` and `uniqueItems` compare (its typings describe the namespace import).
const equal = ajvEqual as unknown as (a: unknown, b: unknown) => boolean;

/**
 * True when a plain JSON value is valid; false when it is not, or too big to tell (a `uniqueItems` array of more
 * than MAX_PAIRWISE objects or arrays): either way the caller asks ajv. Only ever built for a schema ajv would compile.
 */
export type PlainValidator = (data: unknown) => boolean;

type Check = (data: unknown) => boolean;

/** Beyond these the walk declines: a schema this big is rare among examples, and ajv handles it anyway. */
const MAX_SCHEMA_NODES = 5_000;
const MAX_DEPTH = 64;
/**
 * Bounds the pairwise deep comparisons of an `enum` (declined past it) or a `uniqueItems` array (left to ajv) holding
 * objects or arrays: the walk runs at every example checked, where ajv's meta-schema check ran once per compile.
 */
const MAX_PAIRWISE = 256;

const JSON_TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

/** Keywords ajv does not validate with, and the type their value must have in every meta-schema (any: undefined). */
const ANNOTATIONS: Record<string, 'string' | 'boolean' | 'array' | undefined> = {
  description: 'string',
  title: 'string',
  $comment: 'string',
  readOnly: 'boolean',
  writeOnly: 'boolean',
  deprecated: 'boolean',
  examples: 'array',
  default: undefined,
  // OpenAPI's own: unknown to ajv (`strict: false` ignores them; `discriminator` needs an option Spectral leaves off).
  example: undefined,
  externalDocs: undefined,
  xml: undefined,
  discriminator: undefined,
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const isObjectData = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** A name that an object's prototype answers for: ajv reads `data[name]`, which would find it. */
const inheritedName = (name: string): boolean => name in Object.prototype;

/** Plain JSON data as JSON.parse or a YAML parser makes it: what the walk can judge exactly. */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainData(value[i], depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!isPlainData(value[key], depth + 1)) return false;
  return true;
}

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * Whether two items are deep-equal, as ajv compares them. Scalars (what enums mostly hold) in one pass: for them
 * deep equality is `===`, which a Set keeps apart ('1' and 1 stay two); undefined past MAX_PAIRWISE other items.
 */
function hasDuplicates(items: readonly unknown[]): boolean | undefined {
  if (items.every(isScalar)) return new Set(items).size !== items.length;
  if (items.length > MAX_PAIRWISE) return undefined;
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (equal(items[i], items[j])) return true;
  return false;
}

class Declined extends Error {}
const decline = (): never => {
  throw new Declined();
};

function regExpOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return decline();
  }
}

/** The ajv types a data value has (an integer is also a number). */
function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'boolean':
      return typeof data === 'boolean';
    case 'string':
      return typeof data === 'string';
    case 'number':
      return typeof data === 'number';
    case 'integer':
      return Number.isInteger(data);
    case 'array':
      return Array.isArray(data);
    default: // object
      return isObjectData(data);
  }
}

/** `type` and `nullable` as ajv reads them together (ajv/lib/compile/validate/dataType.ts, getSchemaTypes). */
function typeCheck(type: unknown, nullable: unknown): Check | undefined {
  if (nullable !== undefined && typeof nullable !== 'boolean') decline();
  let types: string[];
  if (type === undefined) types = [];
  else if (typeof type === 'string') types = [type];
  else if (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string')) types = type as string[];
  else return decline();
  if (!types.every((t) => JSON_TYPES.has(t)) || new Set(types).size !== types.length) decline();
  if (types.includes('null')) {
    if (nullable === false) decline(); // "type: null contradicts nullable: false"
  } else {
    if (types.length === 0 && nullable !== undefined) decline(); // "nullable" cannot be used without "type"
    if (nullable === true) types = [...types, 'null'];
  }
  if (types.length === 0) return undefined;
  return (data) => types.some((t) => hasType(data, t));
}

function formatCheck(name: unknown): Check | undefined {
  if (typeof name !== 'string' || inheritedName(name)) return decline();
  if (!Object.prototype.hasOwnProperty.call(fullFormats, name)) return undefined; // unknown: ajv ignores it (strict: false)
  const definition = (fullFormats as Record<string, unknown>)[name];
  if (definition === true) return undefined;
  let dataType = 'string';
  let validate: unknown = definition;
  if (typeof definition === 'object' && definition !== null && !(definition instanceof RegExp)) {
    const { type, validate: own, async } = definition as { type?: string; validate?: unknown; async?: boolean };
    if (async) decline();
    dataType = type || 'string';
    validate = own;
  }
  const applies = (data: unknown) => (dataType === 'number' ? typeof data === 'number' : typeof data === 'string');
  if (validate instanceof RegExp) return (data) => !applies(data) || validate.test(data as string);
  if (typeof validate === 'function') return (data) => !applies(data) || Boolean(validate(data));
  return decline();
}

/** What the size limits measure (undefined: the limit does not apply to this data). */
const itemCount = (data: unknown): number | undefined => (Array.isArray(data) ? data.length : undefined);
const codePointCount = (data: unknown): number | undefined => (typeof data === 'string' ? ucs2length(data) : undefined);
const propertyCount = (data: unknown): number | undefined => (isObjectData(data) ? Object.keys(data).length : undefined);

class SchemaWalk {
  private nodes = 0;
  private readonly ancestors = new Set<object>();

  schema(schema: unknown, depth: number): Check {
    if (!isPlainObject(schema) || this.ancestors.has(schema)) return decline();
    if (++this.nodes > MAX_SCHEMA_NODES || depth > MAX_DEPTH) decline();
    this.ancestors.add(schema);
    try {
      return this.keywords(schema, depth);
    } finally {
      this.ancestors.delete(schema);
    }
  }

  private schemas(value: unknown, depth: number): Check[] {
    if (!Array.isArray(value) || value.length === 0) return decline();
    return value.map((item) => this.schema(item, depth + 1));
  }

  private keywords(schema: Record<string, unknown>, depth: number): Check {
    const checks: Check[] = [];
    const typed = typeCheck(schema.type, schema.nullable);
    if (typed) checks.push(typed);
    for (const key of Object.keys(schema)) {
      const value = schema[key];
      if (value === undefined) decline();
      const check = this.keyword(key, value, schema, depth);
      if (check) checks.push(check);
    }
    if (checks.length === 0) return () => true;
    if (checks.length === 1) return checks[0];
    return (data) => {
      for (const check of checks) if (!check(data)) return false;
      return true;
    };
  }

  private keyword(key: string, value: unknown, schema: Record<string, unknown>, depth: number): Check | undefined {
    switch (key) {
      case 'type':
      case 'nullable':
        return undefined; // typeCheck
      case 'enum': {
        if (!Array.isArray(value) || value.length === 0 || !isPlainData(value)) return decline();
        if (hasDuplicates(value) !== false) decline(); // draft-04's meta-schema wants unique entries; undefined: too many to tell
        return (data) => value.some((allowed) => equal(data, allowed));
      }
      case 'const':
        if (!isPlainData(value)) decline();
        return (data) => equal(data, value);
      case 'properties': {
        if (!isPlainObject(value)) return decline();
        const entries = Object.keys(value).map((name) => {
          if (inheritedName(name)) decline();
          return [name, this.schema(value[name], depth + 1)] as const;
        });
        return (data) => {
          if (!isObjectData(data)) return true;
          for (const [name, check] of entries) if (data[name] !== undefined && !check(data[name])) return false;
          return true;
        };
      }
      case 'additionalProperties': {
        const declared = schema.properties;
        if (declared !== undefined && !isPlainObject(declared)) return decline();
        const known = (name: string) => declared !== undefined && Object.prototype.hasOwnProperty.call(declared, name);
        const extra = typeof value === 'boolean' ? () => value : this.schema(value, depth + 1);
        return (data) => {
          if (!isObjectData(data)) return true;
          for (const name of Object.keys(data)) if (!known(name) && !extra(data[name])) return false;
          return true;
        };
      }
      case 'required': {
        if (!Array.isArray(value) || value.length === 0 || new Set(value).size !== value.length) return decline();
        if (!value.every((name) => typeof name === 'string' && !inheritedName(name))) decline();
        return (data) => !isObjectData(data) || value.every((name: string) => data[name] !== undefined);
      }
      case 'items': {
        const each = this.schema(value, depth + 1); // an array of schemas (tuples) declines
        return (data) => !Array.isArray(data) || data.every(each);
      }
      case 'minItems':
      case 'maxItems':
      case 'minLength':
      case 'maxLength':
      case 'minProperties':
      case 'maxProperties':
        return this.limit(key, value);
      case 'uniqueItems':
        if (typeof value !== 'boolean') return decline();
        if (!value) return undefined;
        return (data) => !Array.isArray(data) || hasDuplicates(data) === false;
      case 'pattern': {
        // As ajv builds it (`unicodeRegExp: false`: no `u` flag); one it cannot build makes its compile throw.
        if (typeof value !== 'string') return decline();
        const pattern = regExpOf(value);
        return (data) => typeof data !== 'string' || pattern.test(data);
      }
      case 'format':
        return formatCheck(value);
      case 'minimum':
      case 'maximum': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return decline();
        const bound = value;
        return key === 'minimum'
          ? (data) => typeof data !== 'number' || data >= bound
          : (data) => typeof data !== 'number' || data <= bound;
      }
      case 'allOf': {
        const all = this.schemas(value, depth);
        return (data) => all.every((check) => check(data));
      }
      case 'anyOf': {
        const any = this.schemas(value, depth);
        return (data) => any.some((check) => check(data));
      }
      case 'oneOf': {
        const one = this.schemas(value, depth);
        return (data) => one.filter((check) => check(data)).length === 1;
      }
      case 'not': {
        const negated = this.schema(value, depth + 1);
        return (data) => !negated(data);
      }
      default:
        return this.annotation(key, value);
    }
  }

  private limit(key: string, value: unknown): Check {
    if (!isCount(value)) return decline();
    const size = key.endsWith('Items') ? itemCount : key.endsWith('Length') ? codePointCount : propertyCount;
    const atLeast = key.startsWith('min');
    return (data) => {
      const n = size(data);
      return n === undefined || (atLeast ? n >= value : n <= value);
    };
  }

  private annotation(key: string, value: unknown): undefined {
    if (key.startsWith('x-')) return undefined;
    if (!Object.prototype.hasOwnProperty.call(ANNOTATIONS, key)) return decline();
    const expected = ANNOTATIONS[key];
    if (expected === 'array' ? !Array.isArray(value) : expected !== undefined && typeof value !== expected) decline();
    return undefined;
  }
}

/**
 * A validator answering exactly as ajv (set up as Spectral sets it up) would for `schema`, or undefined when the
 * schema is not plain enough to be sure ajv compiles it and validates alike. The validator expects plain data
 * (isPlainData).
 */
export function plainValidatorFor(schema: unknown): PlainValidator | undefined {
  try {
    return new SchemaWalk().schema(schema, 0);
  } catch {
    // Declined, or a schema that throws when read (a getter, a Proxy): ajv decides, as it did before this walk.
    return undefined;
  }
}
