// Turns text into a Spectral Document once (whether it is an OpenAPI document at all, which keeps the extension
// silent on docker-compose.yaml or package.json, is told from the text in document-kind.ts).
// It also refuses documents that would hang or crash the linter instead of being linted: a YAML alias
// bomb ("billion laughs": a few hundred bytes that expand to billions of nodes, which Spectral's parser
// and rules would walk one by one) and nesting so deep that the parser or the rules overflow the stack.
import { Document } from '@stoplight/spectral-core';
import { isAlias, isPair, isScalar, parseDocument, type Node } from 'yaml';
import type { DocumentFormat } from './types';
import { detectFormat, isOpenApiData, looksLikeOpenApi } from './document-kind';
import { JsonParser } from './json-parse';
import { indexYamlLocations } from './yaml-locations';
import { yamlMayHaveAliases, YamlParser } from './yaml-parse';

export { detectFormat, isOpenApiData, looksLikeOpenApi };

/** Far beyond any real API description (they nest a few dozen levels), well below what overflows the stack. */
export const MAX_NESTING_DEPTH = 1000;
/** Nodes a YAML document may expand to through aliases: the larger of this and EXPANSION_RATIO × its own nodes. */
export const MAX_EXPANDED_NODES = 1_000_000;
const EXPANSION_RATIO = 20;

/** The document is not linted because linting it would hang or crash; `message` says why, in one line. */
export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';
  readonly code = 'document-too-complex';
}

export function createDocument(text: string, filePath: string, format: DocumentFormat): Document<unknown, any> {
  if (format === 'yaml') refuseAliasBombs(text);
  // Spectral's position-tracking parsers; BOMs confuse them. JSON: blank it out, offsets stay aligned.
  // YAML: drop it (a leading space would indent the first key and break the whole document); only
  // columns on the first line shift, by one (and editors usually strip the BOM before we see the text).
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const source = !hasBom ? text : format === 'json' ? ' ' + text.slice(1) : text.slice(1);
  let document: Document<unknown, any>;
  try {
    // Spectral's parsers, JSON keeping where values are as a JsonTree rather than a tree of objects (json-parse.ts), both
    // making plain objects where they list their keys alike (yaml-parse.ts, plain-objects.ts).
    document = format === 'json' ? new Document(source, JsonParser, filePath) : new Document(source, YamlParser, filePath);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  if (nestingDepthExceeds(document.data, MAX_NESTING_DEPTH)) throw tooDeep();
  if (format === 'yaml') {
    indexYamlLocations(document);
  }
  return document;
}

function tooDeep(): DocumentRefusedError {
  return new DocumentRefusedError(`Not linted: the document nests more than ${MAX_NESTING_DEPTH} levels deep`);
}

/** Counts the nodes the YAML expands to (each alias counts as a copy of its anchor), without expanding it. */
function refuseAliasBombs(text: string): void {
  if (!yamlMayHaveAliases(text)) return;
  let expanded: number;
  let own = 0;
  try {
    const doc = parseDocument(text, { uniqueKeys: false, strict: false });
    const anchors = new Map<string, Node>();
    const sizes = new Map<unknown, number>();
    // Document order, so an alias finds the anchor defined before it, as YAML says.
    const sizeOf = (node: unknown): number => {
      if (node === null || node === undefined) return 0;
      const known = sizes.get(node);
      if (known !== undefined) return known;
      own++;
      let size = 1;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        size = target ? (sizes.get(target) ?? 1) : 1; // an alias inside its own anchor: counted once
      } else {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) anchors.set(anchor, node as Node);
        if (isPair(node)) size = sizeOf(node.key) + sizeOf(node.value);
        else if (!isScalar(node)) for (const item of (node as { items?: unknown[] }).items ?? []) size += sizeOf(item);
      }
      sizes.set(node, size);
      return size;
    };
    expanded = sizeOf(doc.contents);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    return; // not YAML we can read: Spectral's parser reports the syntax errors
  }
  if (expanded > Math.max(MAX_EXPANDED_NODES, EXPANSION_RATIO * own)) {
    throw new DocumentRefusedError(
      `Not linted: YAML aliases expand the document to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes (an alias bomb?)`,
    );
  }
}

/** Iterative, so the check itself cannot overflow; stops at the first branch deeper than `limit`. */
export function nestingDepthExceeds(data: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[data, 0]];
  // Bounded work even if aliases share subtrees (refuseAliasBombs keeps expansion small already).
  let budget = 5 * MAX_EXPANDED_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
