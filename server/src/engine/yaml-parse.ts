// Spectral's YAML parser (@stoplight/yaml's parseWithPointers, Spectral's options) builds every mapping as a key-order
// Proxy (@stoplight/ordered-object-literal), through which each key is then set, and which plain-objects.ts turns back
// into a plain object for the lint's sake: a trap per key set, then a second copy of the data. On Blockfrost's 496 KB
// spec a first parse (as in a CLI run) took 204–228 ms that way, 181–187 ms this way (three processes each).
// This parses with plain objects in the first place (the same walk, `preserveKeyOrder: false`) and gives the Proxy only
// to the mappings that need it: those with a key that reads as an array index ("200"), which a plain object would
// list first. Their key order is read from the syntax tree. What the Proxy's bookkeeping would order differently
// (merge keys, duplicated keys, anchors and aliases, a "__proto__" key, a key that is not a scalar) goes through
// Spectral's own parse, then plain-objects.ts, as before: the data, key order included, is always the same.
import * as Parsers from '@stoplight/spectral-parsers';
import { parseWithPointers } from '@stoplight/yaml';
import { determineScalarType, parseYamlBigInteger, parseYamlBoolean, parseYamlFloat, ScalarType } from '@stoplight/yaml-ast-parser';
import { keyOrderMatters, orderedObject, orderOf, withPlainObjects } from './plain-objects';

/** The options Spectral's YAML parser passes (@stoplight/spectral-parsers' parseYaml). */
const SPECTRAL_OPTIONS = { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: true, attachComments: false } as const;
const PLAIN_OPTIONS = { ...SPECTRAL_OPTIONS, preserveKeyOrder: false } as const;

/** yaml-ast-parser's node kinds (its `Kind` enum). */
const SCALAR = 0;
const MAP = 2;
const SEQ = 3;

interface YamlNode {
  kind: number;
  value?: unknown;
  mappings?: Array<{ key: YamlNode; value: YamlNode | null }>;
  items?: Array<YamlNode | null>;
}

type ParserResult = ReturnType<typeof parseWithPointers>;

/** Thrown by the walk when a mapping's data is not what the syntax tree says: the text goes to Spectral's parse. */
const DECLINED = Symbol('declined');

// Aliases are only a risk when the text has anchors and aliases; most API descriptions have none (markdown `**bold**`
// alone looks like an alias, which is why both are required).
const ALIAS_TOKEN = /(?:^|[\s[{,:-])\*[^\s,[\]{}]/;
const ANCHOR_TOKEN = /(?:^|[\s[{,:-])&[^\s,[\]{}]/;

/** False when the text certainly has no YAML alias of an anchor (it may have one when true). */
export function yamlMayHaveAliases(text: string): boolean {
  return ALIAS_TOKEN.test(text) && ANCHOR_TOKEN.test(text);
}

/** Text that may hold what the Proxy orders otherwise than a plain object: a "__proto__" key, an alias (merge keys: the walk). */
const mayNeedSpectralParse = (text: string): boolean => text.includes('__proto__') || yamlMayHaveAliases(text);
const MERGE_KEY = '<<';
/** @stoplight/yaml's message for a key met twice in a mapping. */
const DUPLICATE_KEY = 'duplicate key';

/** Spectral's YAML parse, with plain objects wherever a plain object lists the keys alike. */
export function parseYaml(text: string): ParserResult {
  return parsedPlainly(text) ?? parsedBySpectral(text);
}

/** The parse with plain objects from the start; undefined when the text needs Spectral's own (see the top). */
export function parsedPlainly(text: string): ParserResult | undefined {
  if (mayNeedSpectralParse(text)) return undefined;
  const result = parseWithPointers(text, PLAIN_OPTIONS);
  // A duplicated key moves to its last place in the Proxy's order, where a plain object keeps its first. (A syntax
  // error needs nothing more: the same walk made the data from the same tree, and the text has no alias to leave.)
  if (result.diagnostics.some((diagnostic) => diagnostic.message === DUPLICATE_KEY)) return undefined;
  try {
    result.data = withTextKeyOrder(result.ast as YamlNode | undefined, result.data);
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
  result.metadata = { ...SPECTRAL_OPTIONS } as typeof result.metadata; // as each of Spectral's parses has its own
  return result;
}

/** Spectral's own parse, its key-order Proxies made plain objects where they list the keys alike (plain-objects.ts). */
function parsedBySpectral(text: string): ParserResult {
  const result = Parsers.Yaml.parse(text) as ParserResult;
  result.data = withPlainObjects(result.data);
  return result;
}

/**
 * Walks the data along its syntax tree; a mapping whose keys a plain object lists in another order than the text's
 * becomes an ordered object, with the text's order. Throws DECLINED where they do not match one to one.
 */
function withTextKeyOrder(node: YamlNode | null | undefined, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (!node) throw DECLINED;
  if (node.kind === SEQ && Array.isArray(value)) {
    const items = node.items!;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === 'object' && item !== null) {
        const next = withTextKeyOrder(items[i], item);
        if (next !== item) value[i] = next;
      }
    }
    return value;
  }
  if (node.kind !== MAP) throw DECLINED;
  const object = value as Record<string, unknown>;
  const mappings = node.mappings!;
  // As plain-objects.ts decides which objects stay ordered (a key that reads as an array index, which a plain object
  // lists first, or beyond V8's indexes, which it does not: the same objects either way).
  for (const key in object) if (keyOrderMatters(key)) return orderedAsWritten(mappings, object);
  // A plain object lists these keys in the order they were set: the mappings' order, one key each.
  let at = 0;
  for (const key in object) {
    const mapping = mappings[at++];
    if (mapping === undefined || !isPlainKey(mapping.key)) throw DECLINED;
    orderChild(object, key, mapping.value);
  }
  if (at !== mappings.length) throw DECLINED;
  return object;
}

function orderedAsWritten(mappings: NonNullable<YamlNode['mappings']>, object: Record<string, unknown>): unknown {
  const keys: string[] = [];
  for (const mapping of mappings) {
    if (!isPlainKey(mapping.key)) throw DECLINED;
    const key = keyOf(mapping.key);
    if (!Object.prototype.hasOwnProperty.call(object, key)) throw DECLINED;
    keys.push(key);
    orderChild(object, key, mapping.value);
  }
  if (Object.keys(object).length !== keys.length) throw DECLINED;
  return orderedObject(object, orderOf(keys));
}

/** The walk one level down: the value at `key`, replaced by its ordered object where it needs one. */
function orderChild(object: Record<string, unknown>, key: string, node: YamlNode | null): void {
  const child = object[key];
  if (typeof child === 'object' && child !== null) {
    const next = withTextKeyOrder(node, child);
    if (next !== child) object[key] = next;
  }
}

/** A scalar key that is not a merge key (`<<:` splices another mapping's keys in, `"<<":` too). */
const isPlainKey = (key: YamlNode): boolean => key.kind === SCALAR && key.value !== MERGE_KEY;

/** A mapping key as @stoplight/yaml makes it: String() of the scalar's value (`200:` → "200", `1.0:` → "1"). */
function keyOf(node: YamlNode): string {
  const text = node.value as string;
  switch (determineScalarType(node as Parameters<typeof determineScalarType>[0])) {
    case ScalarType.null:
      return 'null';
    case ScalarType.bool:
      return String(parseYamlBoolean(text));
    case ScalarType.int:
      return String(parseYamlBigInteger(text));
    case ScalarType.float:
      return String(parseYamlFloat(text));
    default:
      return String(text);
  }
}

/** Spectral's YAML parser (Parsers.Yaml) but for the data's plain objects. */
export const YamlParser = {
  parse: parseYaml,
  getLocationForJsonPath: Parsers.Yaml.getLocationForJsonPath,
  trapAccess: Parsers.Yaml.trapAccess,
};
