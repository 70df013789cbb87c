// Spectral's JSON parser (@stoplight/spectral-parsers' Json: @stoplight/json's parseWithPointers, keys in text order,
// duplicate keys reported) with the same data and diagnostics, keeping where each value is as a JsonTree instead of
// a tree of objects (json-tree.ts says why). A document with a syntax error, or a lone "\r" (a line break to the
// scanner but not to a line index), is parsed by Spectral's parser itself and its tree converted: the same answers
// however malformed the text, paid for only by such documents.
import * as Parsers from '@stoplight/spectral-parsers';
import { trapAccess } from '@stoplight/json';
import { visit } from 'jsonc-parser';
import { JsonKind, JsonTree } from './json-tree';
import { keyOrderMatters, orderedObject, orderOf } from './plain-objects';
import type { JsonPath, Range } from './types';

/** @stoplight/types' DiagnosticSeverity.Error. */
const ERROR = 0;
/** @stoplight/json's code for a duplicate key. */
const DUPLICATE_KEY = 20;

interface Diagnostic {
  range: Range;
  message: string;
  severity: number;
  code: number;
  path?: JsonPath;
}

export interface JsonParserResult {
  data: unknown;
  diagnostics: Diagnostic[];
  ast: JsonTree;
  lineMap: number[];
}

/** An open object or array while the text is read: its value, and where its next child goes. */
interface Open {
  value: Record<string, unknown> | unknown[];
  node: number;
  /** Keys met so far (objects), to report duplicates. */
  keys?: Set<string>;
  /** The object's key order, kept from its first key that a plain object would misplace (keyOrderMatters). */
  order?: Array<string | symbol>;
  /** The current property's key (objects); undefined before the first. */
  key?: { value: string; offset: number; length: number };
  /** Children so far (arrays). */
  items: number;
}

/** The key order Spectral's would give an object with these keys so far. */
const orderSoFar = (value: Record<string, unknown> | unknown[]): Array<string | symbol> => orderOf(Object.keys(value));

export function parseJson(text: string): JsonParserResult {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return parseWithSpectral(text);
  const tree = new JsonTree(text);
  const diagnostics: Diagnostic[] = [];
  const stack: Open[] = [];
  let root: unknown;
  let failed = false;

  const position = (line: number, character: number, length: number): Range => ({
    start: { line, character },
    end: { line, character: character + length },
  });
  // The value's place in its parent (as @stoplight/json assigns it), then the parent's record of it.
  const place = (value: unknown): void => {
    const parent = stack[stack.length - 1];
    if (!parent) root = value;
    else if (Array.isArray(parent.value)) parent.value.push(value);
    else if (parent.key !== undefined) parent.value[parent.key.value] = value;
  };
  const openNode = (kind: JsonKind, offset: number): number => {
    const parent = stack[stack.length - 1];
    if (parent && Array.isArray(parent.value)) parent.items++;
    return tree.open(kind, offset, parent && !Array.isArray(parent.value) ? parent.key : undefined);
  };
  const pathTo = (key: string): JsonPath => {
    const path: JsonPath = [];
    for (let i = 1; i < stack.length; i++) {
      const parent = stack[i - 1];
      path.push(Array.isArray(parent.value) ? parent.items - 1 : parent.key!.value);
    }
    path.push(key);
    return path;
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => {
        // Placed in its parent once complete (onObjectEnd): only then is it known whether it must keep its order.
        stack.push({ value: {}, node: openNode(JsonKind.Object, offset), keys: new Set(), items: 0 });
      },
      onObjectProperty: (key, offset, length, line, character) => {
        const object = stack[stack.length - 1];
        if (object.keys!.has(key)) {
          diagnostics.push({
            range: position(line, character, length),
            message: 'DuplicateKey',
            severity: ERROR,
            path: pathTo(key),
            code: DUPLICATE_KEY,
          });
          // A key written again moves to the end of the object's order, as its value is the last one.
          const order = (object.order ??= orderSoFar(object.value));
          const at = order.indexOf(key);
          if (at !== -1) order.push(...order.splice(at, 1));
        } else {
          object.keys!.add(key);
          if (object.order) object.order.push(key);
          else if (keyOrderMatters(key)) (object.order = orderSoFar(object.value)).push(key);
        }
        object.key = { value: key, offset, length };
      },
      onObjectEnd: (offset, length) => {
        const object = stack.pop()!;
        tree.close(object.node, offset + length);
        // Plain unless its keys need the order kept (plain-objects.ts).
        place(object.order ? orderedObject(object.value as Record<string, unknown>, object.order) : object.value);
      },
      onArrayBegin: (offset) => {
        const node = openNode(JsonKind.Array, offset);
        const value: unknown[] = [];
        place(value);
        stack.push({ value, node, items: 0 });
      },
      onArrayEnd: (offset, length) => {
        tree.close(stack.pop()!.node, offset + length);
      },
      onLiteralValue: (value, offset, length) => {
        tree.close(openNode(JsonKind.Literal, offset), offset + length);
        place(value);
      },
      onError: () => {
        failed = true;
      },
    },
    // What @stoplight/json passes on to the scanner (comments allowed, trailing commas not).
    { disallowComments: false },
  );
  if (failed) return parseWithSpectral(text);
  tree.seal();
  return withLineMap({ data: root, diagnostics, ast: tree }, text);
}

/** Spectral's own parse, its tree of objects turned into a JsonTree (for malformed documents). */
function parseWithSpectral(text: string): JsonParserResult {
  const parsed = Parsers.Json.parse(text) as unknown as { data: unknown; diagnostics: Diagnostic[]; ast?: SpectralNode };
  const tree = new JsonTree(text);
  if (parsed.ast) convert(tree, parsed.ast, undefined);
  tree.seal();
  return withLineMap({ data: parsed.data, diagnostics: parsed.diagnostics, ast: tree }, text);
}

interface SpectralNode {
  type: string;
  offset: number;
  length: number;
  value?: unknown;
  children?: SpectralNode[];
  range?: Range;
}

function convert(tree: JsonTree, node: SpectralNode, key: { value: string; offset: number; length: number } | undefined): void {
  const kind =
    node.type === 'object'
      ? JsonKind.Object
      : node.type === 'array'
        ? JsonKind.Array
        : node.type === 'property'
          ? JsonKind.Other
          : JsonKind.Literal;
  const id = tree.open(kind, node.offset, key);
  tree.setPositions(id, node.range && { start: node.range.start, end: node.range.end });
  for (const child of node.children ?? []) {
    if (kind !== JsonKind.Object) convert(tree, child, undefined);
    // What findNodeAtPath takes for a property: a child of two children, a key first.
    else if (child.children?.length === 2 && typeof child.children[0].value === 'string') {
      const own = child.children[0];
      convert(tree, child.children[1], { value: own.value as string, offset: own.offset, length: own.length });
    }
  }
  tree.close(id, node.offset + node.length);
}

/** @stoplight/json's line map (line starts, then the length + 1), made only if something reads it. */
function withLineMap(result: Omit<JsonParserResult, 'lineMap'>, text: string): JsonParserResult {
  let lineMap: number[] | undefined;
  return Object.defineProperty(result, 'lineMap', {
    enumerable: true,
    get: () => {
      if (!lineMap) {
        lineMap = [0];
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineMap.push(i + 1);
        lineMap.push(text.length + 1);
      }
      return lineMap;
    },
  }) as JsonParserResult;
}

/** Spectral's Json parser with the JsonTree: what createDocument gives Spectral's Document for JSON text. */
export const JsonParser = {
  parse: parseJson,
  getLocationForJsonPath(result: JsonParserResult, path: JsonPath, closest = false): { range: Range } | undefined {
    const node = result.ast.find(path, closest);
    const range = node === undefined ? undefined : result.ast.range(node);
    return range && { range };
  },
  trapAccess,
};
