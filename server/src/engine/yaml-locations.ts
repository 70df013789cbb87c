// Spectral finds a YAML path's range by scanning each mapping's keys from the last (@stoplight/yaml's
// getLocationForJsonPath, which also copies the mapping's list on every step to expand merge keys): quadratic on a
// big document. A generated 3 MB spec of 8,334 operations gave 16,671 findings, each located by scanning `paths`:
// 3.7 s of a 9 s lint, enough to run a lint past its budget. This is the same lookup with an index for mappings of
// many keys, installed on our YAML Documents (JSON ones locate through their JsonTree: json-tree.ts); the range itself is still
// computed by @stoplight/yaml, from the node found.
import type { Document } from '@stoplight/spectral-core';
import type { JsonPath, Range } from './types';
import { lastByKey, yamlMappingKey } from './last-by-key';

/** The node kinds of yaml-ast-parser (its `Kind` enum) that the walk steps through. */
const MAP = 2;
const SEQ = 3;
const MERGE_KEY = '<<';

interface YamlNode {
  kind: number;
  mappings?: ({ key: { kind?: number; value?: unknown } | null; value: YamlNode | null } | null)[];
  items?: (YamlNode | null)[];
}

interface ParserResult {
  ast: YamlNode;
  lineMap: number[];
  metadata?: unknown;
}

type Locate = (result: ParserResult, path: JsonPath) => { range: Range } | undefined;

/** Per mapping: false when it has a merge key (it splices another mapping's keys in) or a key @stoplight/yaml cannot read. */
const plainMappings = new WeakMap<YamlNode, boolean>();

function isPlain(node: YamlNode): boolean {
  let plain = plainMappings.get(node);
  if (plain === undefined) {
    plain = node.mappings!.every((mapping) => mapping === null || (mapping.key !== null && mapping.key.value !== MERGE_KEY));
    plainMappings.set(node, plain);
  }
  return plain;
}

/** The node `segment` leads to in a mapping (its last mapping of that key); 'delegate': the lookup is @stoplight/yaml's own. */
function step(node: YamlNode, segment: JsonPath[number]): YamlNode | undefined | 'delegate' {
  if (!isPlain(node)) return 'delegate';
  if (typeof segment !== 'string') return undefined; // keys are text: @stoplight/yaml's === never matches a number
  const mapping = lastByKey(node, node.mappings!, segment, yamlMappingKey);
  if (!mapping) return undefined;
  return mapping.value === null ? (mapping.key as unknown as YamlNode) : mapping.value; // `key:` alone: the key
}

/** @stoplight/yaml's findNodeAtPath without `closest` (Spectral's YAML parser never passes it). */
function findNode(root: YamlNode, path: JsonPath): YamlNode | undefined | 'delegate' {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    if (node.kind === MAP) {
      const next = step(node, segment);
      if (next === undefined || next === 'delegate') return next;
      node = next;
    } else if (node.kind === SEQ) {
      const items = node.items!;
      const at = Number(segment);
      if (!Number.isInteger(at) || at < 0 || at >= items.length || items[at] === null) return undefined;
      node = items[at]!;
    } else {
      return undefined;
    }
  }
  return node;
}

/** Makes a YAML Document's getRangeForJsonPath use the index (same answers). */
export function indexYamlLocations(document: Document<unknown, any>): void {
  const { parser, parserResult } = document as unknown as { parser?: { getLocationForJsonPath?: Locate }; parserResult?: ParserResult };
  const locate = parser?.getLocationForJsonPath;
  if (!parserResult?.ast || typeof parserResult.ast !== 'object' || typeof locate !== 'function') return;
  Object.defineProperty(document, 'getRangeForJsonPath', {
    configurable: true,
    writable: true,
    value: (path: JsonPath): Range | undefined => {
      const node = findNode(parserResult.ast, path);
      if (node === 'delegate') return locate(parserResult, path)?.range;
      return node === undefined ? undefined : locate({ ...parserResult, ast: node }, [])?.range;
    },
  });
}
