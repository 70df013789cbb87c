// What several exposure rules compute from the same objects, computed once per lint. Within one lint every
// rule is handed the same resolved document (Spectral's resolved data, or the exposure-first pass's view of
// it) and reads it without changing it; the next lint gets new objects. So results are keyed weakly by those
// objects and go away with them. Only for rule checks: fixers read plain data that edits may change.
import {
  effectiveSecurity,
  responses,
  securitySchemes,
  type EffectiveSecurity,
  type JsonObject,
} from '../../../server/src/engine/rules-api';

function weakMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) cache.set(key, (value = compute(key)));
    return value as V;
  };
}

/** An operation's responses by status code (see engine/openapi.ts `responses`), for rule checks. */
export const responsesOf: (operation: JsonObject) => Record<string, JsonObject> = weakMemo((operation) => responses(operation));

/** The document's security schemes by name (see engine/openapi.ts `securitySchemes`), for rule checks. */
export const schemesOf: (document: object) => Record<string, JsonObject> = weakMemo((document) => securitySchemes(document));

const securityByDocument = new WeakMap<object, WeakMap<object, EffectiveSecurity>>();

/** The security requirement in effect for an operation of `document` (see engine/openapi.ts `effectiveSecurity`). */
export function securityIn(document: unknown, operation: JsonObject): EffectiveSecurity {
  if (typeof document !== 'object' || document === null) return effectiveSecurity(document, operation);
  let byOperation = securityByDocument.get(document);
  if (!byOperation) securityByDocument.set(document, (byOperation = new WeakMap()));
  let security = byOperation.get(operation);
  if (!security) byOperation.set(operation, (security = effectiveSecurity(document, operation)));
  return security;
}
