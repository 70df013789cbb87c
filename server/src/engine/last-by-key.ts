// The item a scan from the end finds for a key, with an index for long lists: locating a finding walks its path
// through the document's mappings, and a scan per step was quadratic on big ones (Microsoft Graph's `paths` has
// ~5,800 keys; a generated 3 MB YAML spec has 8,334). Used by key-ranges.ts and yaml-locations.ts.

/** Mappings with more entries than this get an index (Microsoft Graph's `paths` has ~5,800: a scan per finding was quadratic). */
const INDEX_FROM = 16;
const lastIndexes = new WeakMap<object, Map<string, unknown>>();

/**
 * The last item whose key (as `keyOf` reads it; undefined: not a candidate) is `key`, as a scan from the end finds it.
 * An owner's index is built by the first call's `keyOf`: every caller for one owner must read keys alike (for a
 * YAML mapping, `yamlMappingKey`).
 */
export function lastByKey<T>(owner: object, items: T[] | undefined, key: string, keyOf: (item: T) => string | undefined): T | undefined {
  if (!items) return undefined;
  if (items.length <= INDEX_FROM) {
    for (let i = items.length - 1; i >= 0; i--) if (keyOf(items[i]) === key) return items[i];
    return undefined;
  }
  let index = lastIndexes.get(owner) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const item of items) {
      const own = keyOf(item);
      if (own !== undefined) index.set(own, item); // later items overwrite: the last one wins
    }
    lastIndexes.set(owner, index);
  }
  return index.get(key);
}

const YAML_SCALAR = 0; // yaml-ast-parser's Kind.SCALAR

/** A YAML mapping's key as a path segment: the text of a scalar key; undefined for a complex key or none. */
export const yamlMappingKey = (mapping: { key?: { kind?: number; value?: unknown } | null } | null | undefined): string | undefined =>
  mapping?.key?.kind === YAML_SCALAR ? String(mapping.key.value) : undefined;
