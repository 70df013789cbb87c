// Whether a schema declares an id or an anchor (`$id`, draft-4 `id`, `$anchor`, ...). ajv keeps those on its
// instance between compiles, so such a schema's results and validators depend on more than its content: the
// example cache and the shared validators leave it to Spectral's own code.

const ID_LIKE = /"(\$id|id|\$anchor|\$dynamicAnchor|\$recursiveAnchor)":/;
/** Keys whose values are data, not schemas: an `id` inside an example is just data. */
const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-example']);
const ID_KEYWORDS = new Set(['id', '$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor']);

function walkFindsIdOrAnchor(node: unknown, depth: number): boolean {
  if (depth > 200 || node === null || typeof node !== 'object') return depth > 200;
  if (Array.isArray(node)) return node.some((item) => walkFindsIdOrAnchor(item, depth + 1));
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    // A property *named* `id` has a schema (an object) as its value; an id keyword has a string.
    if (ID_KEYWORDS.has(key) && typeof value !== 'object') return true;
    if (walkFindsIdOrAnchor(value, depth + 1)) return true;
  }
  return false;
}

/**
 * `text` is `JSON.stringify(schema)`: the regex is a cheap filter, the walk decides (most `"id":` are property
 * names or example data). Conservative: a structure deeper than 200 levels counts as declaring one.
 */
export function declaresIdOrAnchor(text: string, schema: unknown): boolean {
  return ID_LIKE.test(text) && walkFindsIdOrAnchor(schema, 0);
}
