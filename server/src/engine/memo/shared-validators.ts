// One ajv validator for schemas that validate alike, within a lint run.
//
// Spectral's schema function keeps a compiled validator per schema *object*, but `oasExample` hands it a fresh
// deep copy of the schema on every call, so every example checked compiles a new validator (code generation and
// `new Function`): 461 compiles for Blockfrost's 496 KB spec, 2,587 (~3.5 s) for GitHub's. Most of them are the
// same validator: property schemas that differ only in their description, title or example. The build
// (scripts/build.mjs, ajv-validators-by-content) makes Spectral's `createAjvInstances` ask `compileShared` on a
// miss, which reuses the validator an equal schema compiled earlier on the same ajv instance.
//
// Why a shared validator validates as the schema's own would:
// - equal keys mean equal schemas but for root-level annotations: `example` and `x-*` (unknown keywords, ignored
//   with Spectral's `strict: false`; no meta-schema constrains them) and string `description` / `title` (the
//   metadata vocabulary: no code, and valid against every meta-schema, so both compile or neither). A root key is
//   always a keyword; deeper, `description` may be a property name, so nothing deeper is dropped.
// - a schema with a `$ref` keeps its whole text as the key (a pointer could reach into a dropped annotation);
// - a schema declaring an id or anchor (schema-ids.ts) is never shared (compiling it registers the id on the ajv
//   instance, and compiling it again may throw): it is compiled as before;
// - a compile that throws is not stored, so the next equal schema throws the same error from its own compile;
// - errors come from the validator's last call and are read right after it (Spectral's code): sharing a function
//   across calls is what ajv's own `getSchema` does.

import { declaresIdOrAnchor } from './schema-ids';
import { isPlainData, plainValidatorFor } from './plain-schema-validator';

type Compile = (schema: object) => unknown;
interface Ajv {
  compile: Compile;
}

const REFERENCE = /"(\$ref|\$dynamicRef|\$recursiveRef)":/;

const byInstance = new WeakMap<object, Map<string, unknown>>();
const stats = { compiled: 0, shared: 0, unshareable: 0, answeredPlainly: 0 };

/**
 * How often a validator was compiled, taken from an equal schema, compiled without sharing, or not needed: the data
 * was found valid without one (tests, benchmark).
 */
export function sharedValidatorStats(): Readonly<typeof stats> {
  return { ...stats };
}

function isDroppedAnnotation(key: string, value: unknown): boolean {
  if (key === 'example' || key.startsWith('x-')) return true;
  return (key === 'description' || key === 'title') && typeof value === 'string';
}

/** The text two schemas share when one's validator may serve the other; undefined when it must not be shared. */
export function sharedValidatorKey(schema: unknown): string | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  let text: string;
  try {
    text = JSON.stringify(schema);
  } catch {
    return undefined; // circular or otherwise unserializable
  }
  if (typeof text !== 'string' || declaresIdOrAnchor(text, schema)) return undefined;
  if (REFERENCE.test(text)) return text;
  const kept: Record<string, unknown> = {};
  let dropped = false;
  for (const [key, value] of Object.entries(schema)) {
    if (isDroppedAnnotation(key, value)) dropped = true;
    else kept[key] = value;
  }
  return dropped ? JSON.stringify(kept) : text;
}

/** `ajv.compile(schema)`, or the validator an equal schema (sharedValidatorKey) compiled on this instance. */
export function compileShared(ajv: Ajv, schema: object): unknown {
  const key = sharedValidatorKey(schema);
  if (key === undefined) {
    stats.unshareable++;
    return ajv.compile(schema);
  }
  let validators = byInstance.get(ajv);
  if (validators === undefined) byInstance.set(ajv, (validators = new Map()));
  const known = validators.get(key);
  if (known !== undefined) {
    stats.shared++;
    return known;
  }
  const validator = ajv.compile(schema);
  stats.compiled++;
  validators.set(key, validator);
  return validator;
}

interface Validator {
  (data: unknown): unknown;
  errors?: unknown;
}

/**
 * What Spectral's `createAjvInstances` returns for a schema (scripts/build.mjs, ajv-validators-by-content): for a
 * plain schema (plain-schema-validator.ts), a validator that answers "valid" without compiling when the data is, and
 * asks the compiled one (compileShared, on its first need) otherwise, for ajv's errors; else the compiled one.
 */
export function validatorFor(ajv: Ajv, schema: object): unknown {
  const plain = plainValidatorFor(schema);
  if (plain === undefined) return compileShared(ajv, schema);
  let compiled: Validator | undefined;
  const answersValid = (data: unknown): boolean => {
    try {
      return isPlainData(data) && plain(data);
    } catch {
      return false; // data that throws when read: ajv's validator meets it as it did before
    }
  };
  const validate: Validator = (data) => {
    if (answersValid(data)) {
      stats.answeredPlainly++;
      validate.errors = null;
      return true;
    }
    compiled ??= compileShared(ajv, schema) as Validator;
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}
