// Spectral's YAML parse, reused across keystrokes. A keystroke changes one operation, but parsing a 500 KB
// YAML spec with Spectral's position-tracking parser costs ~100 ms of CPU, most of the exposure pass. So the
// text is cut at its block structure — the root mapping's entries, and within a big entry written as a block
// mapping (`paths:`, `components:`, `schemas:` …) its own entries — and each piece is parsed on its own by the
// same parser, once per distinct text: the next version of the document re-parses only the piece that changed.
//
// A piece is only ever a whole entry of a block mapping: full lines, from a line holding a key at the mapping's
// indentation up to the next such line. Parsed alone it must give a mapping of exactly that one key, without a
// diagnostic; then its data and positions are those of the same lines in the whole document (the parser's
// positions are offsets in those lines; a piece's range is shifted by the line it starts on). Anything else —
// anchors and aliases, directives and document markers, flow-style or complex keys at a cut, duplicate keys,
// a piece that does not parse alone — and the entry is not cut (its parent is parsed whole), or the document
// is not cut at all and the caller parses it whole as before. test/unit/exposure-first-yaml-chunks.test.mjs
// compares data and the range of every node with a whole parse. The pieces' data is made of plain objects
// where that keeps the key order (see plainData): reading it is several times faster than the parser's proxies.
import { Document } from '@stoplight/spectral-core';
import * as Parsers from '@stoplight/spectral-parsers';
import createOrderedObject from '@stoplight/ordered-object-literal';
import type { JsonPath, Range } from '../types';
import { KeyRanges } from '../key-ranges';
import { MAX_NESTING_DEPTH, nestingDepthExceeds } from '../document';
import { yamlMayHaveAliases } from '../yaml-parse';
import type { ExposureLocator } from './locators';
import { DOCUMENT_START } from '../document-findings';

/** Entries smaller than this are parsed whole: cutting them gains less than it costs. */
const MIN_SPLIT_CHARS = 2048;
/** Mappings are cut this many levels deep at most (root entries, then e.g. `paths` → path items, `components` → `schemas` → schemas). */
const MAX_SPLIT_LEVEL = 3;

/** One parsed piece: the lines of one mapping entry, parsed alone. */
interface ParsedPiece {
  document: Document<unknown, any>;
  key: string;
  value: unknown;
  keyRanges: KeyRanges | undefined | null;
  /** Nesting depth checks already made, by the level the piece sits at. */
  tooDeepAt: Map<number, boolean>;
  /** `value` with plain objects (see plainData), made once the piece is known not to nest too deep. */
  plain?: unknown;
  /** Finding ranges already computed in this piece (relative to it), by path: the next keystroke asks again. */
  findingRanges?: Map<string, Range>;
}

interface Leaf {
  kind: 'leaf';
  piece: ParsedPiece;
  /** Line of the whole text the piece starts on. */
  line: number;
}

interface Composite {
  kind: 'composite';
  /** The entry's own key line, parsed alone (`key:`); undefined for the root. */
  header?: Leaf;
  children: Map<string, Node>;
  /** Children in document order. */
  order: Node[];
}

type Node = Leaf | Composite;

/** Parsed pieces by text: what a document's next version can reuse. */
export type PieceCache = Map<string, ParsedPiece | null>;

interface Lines {
  text: string;
  starts: number[];
  /** Each line's indentation (see indentOf), computed once: the levels of cuts read the same lines again. */
  indents: Int32Array;
}

/** Offset of the start of line `i` (the text's end past the last line). */
const offsetOf = (lines: Lines, i: number) => (i < lines.starts.length ? lines.starts[i] : lines.text.length);
const lineText = (lines: Lines, i: number) => lines.text.slice(lines.starts[i], offsetOf(lines, i + 1));

const indentOf = (lines: Lines, i: number): number => lines.indents[i];

/** A line's indentation (spaces), or -1 when it is blank or only a comment. Read in place: no string per line. */
function measureIndent(text: string, starts: readonly number[], i: number): number {
  const start = starts[i];
  const end = i + 1 < starts.length ? starts[i + 1] : text.length;
  let at = start;
  while (at < end && text.charCodeAt(at) === 32) at++;
  const indent = at - start;
  while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  const c = text.charCodeAt(at);
  if (at >= end || c === 10 || c === 35 /* # */ || (c === 13 && (at + 1 >= end || text.charCodeAt(at + 1) === 10))) return -1;
  return indent;
}

// The first character of a key that starts an entry at a cut: not a sequence item, comment, flow collection,
// complex key, anchor, alias, tag, block scalar or directive.
const NOT_KEY_START = new Set([...'#-[]{}?&*!|>%@`,'].map((c) => c.charCodeAt(0)));
const isKeyStart = (c: number) => !Number.isNaN(c) && c > 32 && !NOT_KEY_START.has(c);
// `key:` alone on its line (a comment may follow): the value is the block below.
const BLOCK_HEADER = /^ *(?:[^\s#'"[\]{}?&*!|>%@`,-][^#]*?|"[^"\\]*"|'[^']*') *:[ \t]*(?:#.*)?\r?\n?$/;

interface Span {
  from: number; // first line (inclusive)
  to: number; // last line (exclusive)
}

/** The entries of the block mapping written at `indent` on lines [from, to), or undefined when it is not one. */
function entries(lines: Lines, span: Span, indent: number): Span[] | undefined {
  const cuts: number[] = [];
  for (let i = span.from; i < span.to; i++) {
    const own = indentOf(lines, i);
    if (own < 0) continue;
    if (own > indent) {
      if (cuts.length === 0) return undefined; // content before the first key
      continue;
    }
    if (own < indent) return undefined;
    const first = lines.text.charCodeAt(lines.starts[i] + own);
    if (first === 45 /* - */) {
      // A compact sequence (`key:` then `- item` at the same indentation) belongs to the entry above it.
      if (cuts.length === 0 || /^(?:---|\.\.\.)(?:\s|$)/.test(lineText(lines, i).slice(own))) return undefined;
      continue;
    }
    if (!isKeyStart(first)) return undefined;
    cuts.push(i);
  }
  if (cuts.length === 0) return undefined;
  // Blank and comment lines before the first key go with it (the root's may hold a `---` line: see below).
  return cuts.map((cut, i) => ({ from: i === 0 ? span.from : cut, to: i + 1 < cuts.length ? cuts[i + 1] : span.to }));
}

/** The span of an entry's block value (the lines after `key:`) and its indentation, when it is a block mapping worth cutting. */
function blockBody(lines: Lines, entry: Span, indent: number): { span: Span; indent: number; header: number } | undefined {
  if (offsetOf(lines, entry.to) - lines.starts[entry.from] < MIN_SPLIT_CHARS) return undefined;
  let header = entry.from;
  while (header < entry.to && indentOf(lines, header) < 0) header++;
  if (header >= entry.to || !BLOCK_HEADER.test(lineText(lines, header))) return undefined;
  for (let i = header + 1; i < entry.to; i++) {
    const own = indentOf(lines, i);
    if (own < 0) continue;
    // A sequence, a flow collection, … is not cut.
    if (own <= indent || !isKeyStart(lines.text.charCodeAt(lines.starts[i] + own))) return undefined;
    return { span: { from: header + 1, to: entry.to }, indent: own, header };
  }
  return undefined;
}

function parsePiece(text: string, source: string): ParsedPiece | null {
  let document: Document<unknown, any>;
  try {
    document = new Document(text, Parsers.Yaml, source);
  } catch {
    return null; // e.g. too deep for the parser's recursion: the whole parse says what it is
  }
  if (document.diagnostics.length > 0) return null;
  const data = document.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const keys = Object.keys(data);
  const ast = (
    document as unknown as { parserResult?: { ast?: { kind?: number; mappings?: Array<{ key?: { kind?: number; value?: unknown } }> } } }
  ).parserResult?.ast;
  if (keys.length !== 1 || keys[0] === '<<' || ast?.kind !== 2 || ast.mappings?.length !== 1) return null;
  // A plain string key, written as it reads: Spectral finds paths by the key as written (`1.0:` reads as "1").
  const key = ast.mappings[0].key;
  if (key?.kind !== 0 || key.value !== keys[0]) return null;
  return { document, key: keys[0], value: (data as Record<string, unknown>)[keys[0]], keyRanges: null, tooDeepAt: new Map() };
}

/** A canonical array index ("0", "404"): such keys come first, in ascending order, in a plain object. */
const isIndexKey = (key: string) => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4294967295;

/** True when a plain object with these keys, set in this order, lists them in the same order. */
function plainKeepsOrder(keys: readonly string[]): boolean {
  let lastIndex = -1;
  let seenName = false;
  for (const key of keys) {
    if (!isIndexKey(key)) seenName = true;
    else if (seenName || Number(key) <= lastIndex) return false;
    else lastIndex = Number(key);
  }
  return true;
}

/**
 * The parser's data with plain objects wherever that keeps the key order (Spectral's parser makes every
 * mapping an ordered-object proxy, for numeric keys written out of order): the same keys, values and order,
 * but every later read by the rules and ref-view.ts is a plain property read. Done once per piece.
 */
function plainData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(plainData);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value; // e.g. a Date: kept as the parser made it
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const copy = plainKeepsOrder(keys) ? ({} as Record<string, unknown>) : (createOrderedObject({}) as Record<string, unknown>);
  for (const key of keys) copy[key] = plainData(record[key]);
  return copy;
}

export interface ChunkedYaml {
  data: unknown;
  locator: ExposureLocator;
  /** Pieces this version used: keep them for the next one. */
  pieces: PieceCache;
}

/**
 * The document parsed piece by piece, reusing `previous` pieces; undefined when it cannot be cut (parse it
 * whole) or a piece nests too deep (the whole parse refuses it with its own message).
 */
export function parseYamlInPieces(text: string, source: string, previous: PieceCache): ChunkedYaml | undefined {
  if (text.charCodeAt(0) === 0xfeff || yamlMayHaveAliases(text)) return undefined;
  // Directives, and document markers other than a `---` opening the document.
  if (/^%/m.test(text) || /\n(?:---|\.\.\.)(?:[ \t\r]|$)/.test(text.slice(text.search(/^[^\s#-]/m) + 1))) return undefined;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const indents = new Int32Array(starts.length);
  for (let i = 0; i < starts.length; i++) indents[i] = measureIndent(text, starts, i);
  const lines: Lines = { text, starts, indents };
  const pieces: PieceCache = new Map();
  /** Pieces placed in this version's data: a text met twice (two operations written alike) needs data of its own. */
  const placed = new Set<ParsedPiece>();

  const leaf = (span: Span, level: number): Leaf | undefined => {
    const pieceText = text.slice(starts[span.from], offsetOf(lines, span.to));
    let piece = pieces.get(pieceText) ?? previous.get(pieceText);
    if (piece === undefined) piece = parsePiece(pieceText, source);
    pieces.set(pieceText, piece);
    if (!piece) return undefined;
    let tooDeep = piece.tooDeepAt.get(level);
    if (tooDeep === undefined) piece.tooDeepAt.set(level, (tooDeep = nestingDepthExceeds(piece.value, MAX_NESTING_DEPTH - level)));
    if (tooDeep) throw new TooDeep();
    piece.plain ??= plainData(piece.value);
    // The whole parse gives each place its own objects; rules tell shared ($ref'd) objects by identity, so a
    // second place with the same text gets its own copy of the data (the parse and its ranges are shared).
    if (placed.has(piece)) return { kind: 'leaf', piece: { ...piece, plain: plainData(piece.value) }, line: span.from };
    placed.add(piece);
    return { kind: 'leaf', piece, line: span.from };
  };

  // An entry at `level` (1: the root's): cut when it is a big block mapping, else parsed whole.
  const entry = (span: Span, indent: number, level: number): Node | undefined => {
    const body = level < MAX_SPLIT_LEVEL ? blockBody(lines, span, indent) : undefined;
    if (body) {
      const header = leaf({ from: span.from, to: body.header + 1 }, level);
      const children = header && header.piece.value === null ? mapping(body.span, body.indent, level + 1) : undefined;
      if (header && children) return { kind: 'composite', header, children: children.byKey, order: children.order };
    }
    return leaf(span, level);
  };

  const mapping = (span: Span, indent: number, level: number): { byKey: Map<string, Node>; order: Node[] } | undefined => {
    const spans = entries(lines, span, indent);
    if (!spans) return undefined;
    const byKey = new Map<string, Node>();
    const order: Node[] = [];
    for (const child of spans) {
      const node = entry(child, indent, level);
      if (!node) return undefined;
      const key = keyOf(node);
      if (byKey.has(key)) return undefined; // a duplicate key: the whole parse reports it
      byKey.set(key, node);
      order.push(node);
    }
    return { byKey, order };
  };

  try {
    const root = mapping({ from: 0, to: starts.length }, 0, 1);
    if (!root) return undefined;
    const tree: Composite = { kind: 'composite', children: root.byKey, order: root.order };
    return { data: dataOf(tree), locator: new PiecesLocator(tree), pieces };
  } catch (error) {
    if (error instanceof TooDeep) return undefined;
    throw error;
  }
}

class TooDeep extends Error {}

function keyOf(node: Node): string {
  return node.kind === 'leaf' ? node.piece.key : node.header!.piece.key;
}

/** The data of a node, as the whole parse builds it: mappings keep their key order (Spectral's ordered objects). */
function dataOf(node: Node): unknown {
  if (node.kind === 'leaf') return node.piece.plain;
  const keys = node.order.map(keyOf);
  const container = (plainKeepsOrder(keys) ? {} : createOrderedObject({})) as Record<string, unknown>;
  node.order.forEach((child, i) => (container[keys[i]] = dataOf(child)));
  return container;
}

const shift = (range: Range, lines: number): Range => ({
  start: { line: range.start.line + lines, character: range.start.character },
  end: { line: range.end.line + lines, character: range.end.character },
});

function keyRangesOf(piece: ParsedPiece): KeyRanges | undefined {
  if (piece.keyRanges === null) piece.keyRanges = KeyRanges.of(piece.document);
  return piece.keyRanges;
}

type Found = { leaf: Leaf; inner: JsonPath } | { composite: Composite } | { missing: true };

/**
 * Where a path ends up: in a piece (with the path inside it), on a node that was cut (a composite), or nowhere;
 * undefined for a segment that is not a string where the document was cut (Spectral compares keys strictly).
 */
function descend(root: Composite, path: readonly (string | number)[]): Found | undefined {
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    if (node.kind === 'leaf') return { leaf: node, inner: [node.piece.key, ...path.slice(i)] as JsonPath };
    const segment = path[i];
    if (typeof segment !== 'string') return undefined;
    const child: Node | undefined = node.children.get(segment);
    // Spectral's YAML parser ignores `closest` (spectral-parsers drops the argument): a missing path has no range.
    if (!child) return { missing: true };
    node = child;
  }
  return node.kind === 'leaf' ? { leaf: node, inner: [node.piece.key] } : { composite: node };
}

/**
 * The range of a cut node, as key-ranges.ts narrows a mapping's: its key, on its header line (parsed alone as
 * `key:`, whose range is that key too). The root: the document's first key, the first piece's own first key.
 */
function compositeKeyRange(node: Composite): Range {
  if (node.header) return leafFindingRange(node.header, [node.header.piece.key]);
  const first = node.order[0];
  return leafFindingRange(first.kind === 'leaf' ? first : first.header!, []);
}

function leafFindingRange(leaf: Leaf, inner: JsonPath): Range {
  const { piece } = leaf;
  const key = JSON.stringify(inner);
  let relative = piece.findingRanges?.get(key);
  if (!relative) {
    const range = piece.document.getRangeForJsonPath(inner, true);
    // No range (the path is not in the document): the document's start, as documentLocator gives it.
    if (!range) return DOCUMENT_START;
    relative = keyRangesOf(piece)?.findingRange(inner, range) ?? range;
    (piece.findingRanges ??= new Map()).set(key, relative);
  }
  return shift(relative, leaf.line);
}

class PiecesLocator implements ExposureLocator {
  constructor(private readonly root: Composite) {}

  findingRanges(paths: readonly JsonPath[]): Range[] | undefined {
    const ranges: Range[] = [];
    for (const path of paths) {
      const found = descend(this.root, path);
      if (!found) return undefined;
      ranges.push(
        'leaf' in found
          ? leafFindingRange(found.leaf, found.inner)
          : 'composite' in found
            ? compositeKeyRange(found.composite)
            : DOCUMENT_START,
      );
    }
    return ranges;
  }

  operationRanges(paths: readonly JsonPath[]): Range[] | undefined {
    const ranges: Range[] = [];
    for (const path of paths) {
      const found = descend(this.root, path);
      if (found && 'missing' in found) {
        ranges.push(DOCUMENT_START);
        continue;
      }
      if (!found || !('leaf' in found)) return undefined; // an operation that was cut: not expected, let the whole parse answer
      const body = found.leaf.piece.document.getRangeForJsonPath(found.inner, true);
      if (!body) {
        ranges.push(DOCUMENT_START);
        continue;
      }
      const keyRanges = keyRangesOf(found.leaf.piece);
      ranges.push(shift(keyRanges ? keyRanges.keyAndValueRange(found.inner, body) : body, found.leaf.line));
    }
    return ranges;
  }
}
