// Memoizes Spectral's `oasExample` (rules oas2/oas3-valid-schema-example and -media-example), where
// almost all of a big spec's lint time goes: Spectral calls it once per *place* a schema is used in the
// inlined tree (119,623 calls for 2,905 distinct schemas on GitHub's spec), and every call deep-copies
// the schema and compiles a new ajv validator.
//
// Why the cached result is the one Spectral would compute:
// - the function's findings depend only on the matched object's content, its options, the request/response
//   flags derived from the path, the document's formats and JSON Schema dialect, and `rule.resolved`;
//   everything else it sees of the path is a prefix it adds to each finding's path, and the only part
//   of the path a message uses is the last segment, which the function appends itself (better-ajv-errors
//   reads `propertyPath` only for its last segment). So findings are stored relative to the call's path.
// - within a run the tree is frozen and a shared $ref target is one object: the object identity is a
//   sound first-level key (no serialization at all for the 2nd..nth use of a schema);
// - across runs (keystrokes, files) the key is a hash of the content in key order, with the flags.
// - ajv keeps state between compiles of one run only for schema ids and anchors (`$id`, draft-4 `id`,
//   `$anchor`): a schema that declares one is never cached and always goes to Spectral's own function.
import { contentKey } from './content-key';
import { WeightedLru } from './lru';
import { declaresIdOrAnchor } from './schema-ids';
import { materialize, relativeTo, weightOf, type PathSegment, type RelativeResults } from './relative-results';

interface RuleContext {
  path: PathSegment[];
  document: { formats?: Set<unknown> | null; data?: unknown };
  rule?: { resolved?: boolean } | null;
}
type RuleFunction = (input: unknown, options: unknown, context: RuleContext) => unknown;

interface ObjectEntry {
  /** Content hash of the object; undefined when it must not be cached (ids, anchors, unserializable). */
  hash: string | undefined;
  byFlags: Map<string, RelativeResults>;
}

/** About 64 MB of findings shared across runs; a long session forgets the least recently used. */
const SHARED_CACHE_BYTES = 64 * 1024 * 1024;
const shared = new WeightedLru<RelativeResults>(SHARED_CACHE_BYTES);
const optionKeys = new WeakMap<object, string>();
const stats = { calls: 0, runHits: 0, sharedHits: 0, misses: 0, uncacheable: 0 };

/** Counters for tests and the benchmark: how often Spectral's own function still ran. */
export function exampleCacheStats(): Readonly<typeof stats> & { entries: number; bytes: number } {
  return { ...stats, entries: shared.size, bytes: shared.weight };
}

/** Forget every cached finding (tests; a long-idle language server). */
export function clearExampleCache(): void {
  shared.clear();
  for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] = 0;
}

// Same as oasExample's REQUEST_MEDIA_PATHS / RESPONSE_MEDIA_PATHS (@stoplight/spectral-rulesets 1.23):
// the only part of the path that changes what the function validates (readOnly/writeOnly relaxing).
const REQUEST_MEDIA_PATHS: Record<number, string[][]> = {
  2: [],
  3: [
    ['components', 'requestBodies'],
    ['paths', '*', '*', 'requestBody'],
  ],
};
const RESPONSE_MEDIA_PATHS: Record<number, string[][]> = {
  2: [['responses'], ['paths', '*', '*', 'responses']],
  3: [
    ['components', 'responses'],
    ['paths', '*', '*', 'responses'],
  ],
};

function isSubpath(path: PathSegment[], subPaths: string[][] | undefined): boolean {
  return (subPaths ?? []).some((sub) => sub.every((segment, i) => segment === '*' || segment === path[i]));
}

function entryFor(target: object, entries: WeakMap<object, ObjectEntry>): ObjectEntry {
  let entry = entries.get(target);
  if (entry) return entry;
  let hash: string | undefined;
  try {
    const text = JSON.stringify(target);
    hash = declaresIdOrAnchor(text, target) ? undefined : contentKey(text);
  } catch {
    hash = undefined; // circular or otherwise unserializable: leave it to Spectral
  }
  entry = { hash, byFlags: new Map() };
  entries.set(target, entry);
  return entry;
}

function optionsKey(options: object): string {
  let key = optionKeys.get(options);
  if (key === undefined) optionKeys.set(options, (key = JSON.stringify(options)));
  return key;
}

function flagsFor(options: { type?: unknown; oasVersion?: unknown }, context: RuleContext): string {
  const version = Number(options.type === 'media' ? options.oasVersion : 0);
  const request = options.type === 'media' && isSubpath(context.path, REQUEST_MEDIA_PATHS[version]);
  const response = options.type === 'media' && isSubpath(context.path, RESPONSE_MEDIA_PATHS[version]);
  const formats = [...(context.document.formats ?? [])]
    .map((f) => (f as { displayName?: string; name?: string }).displayName ?? (f as { name?: string }).name ?? '?')
    .sort()
    .join(',');
  const data = context.document.data as { jsonSchemaDialect?: unknown } | null | undefined;
  const dialect = data && typeof data === 'object' && typeof data.jsonSchemaDialect === 'string' ? data.jsonSchemaDialect : '';
  return `${optionsKey(options)}|${request ? 1 : 0}${response ? 1 : 0}|${formats}|${dialect}|${context.rule?.resolved === false ? 0 : 1}`;
}

/** Wraps Spectral's `oasExample` with the two caches above; any unexpected shape goes to Spectral's own function. */
export function memoizeExampleValidation(original: RuleFunction): RuleFunction {
  // One identity map per document tree: the WeakMap forgets a run's objects with the run.
  const entries = new WeakMap<object, ObjectEntry>();
  const memoized: RuleFunction = function (input, options, context) {
    stats.calls++;
    if (input === null || typeof input !== 'object' || options === null || typeof options !== 'object' || !Array.isArray(context?.path)) {
      stats.uncacheable++;
      return original(input, options, context);
    }
    const entry = entryFor(input, entries);
    if (entry.hash === undefined) {
      stats.uncacheable++;
      return original(input, options, context);
    }
    const flags = flagsFor(options as { type?: unknown; oasVersion?: unknown }, context);
    let results = entry.byFlags.get(flags);
    if (results !== undefined) {
      stats.runHits++;
      return materialize(results, context.path);
    }
    const key = `${flags}|${entry.hash}`;
    results = shared.get(key);
    if (results !== undefined) {
      stats.sharedHits++;
    } else {
      stats.misses++;
      const computed = original(input, options, context);
      const relative = relativeTo(computed, context.path, { pathRequired: true });
      if (relative === undefined) return computed;
      results = relative;
      shared.set(key, results, weightOf(results, key));
    }
    entry.byFlags.set(flags, results);
    return materialize(results, context.path);
  };
  Object.defineProperty(memoized, 'name', { value: original.name });
  return memoized;
}
