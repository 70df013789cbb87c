// A JSON document parsed in pieces, reused across keystrokes. On GitHub's 13 MB spec a keystroke cost the
// exposure pass ~120 ms of JSON.parse, ~200 ms resolving the fresh data's references and, later, the collection
// of both: about two thirds of the pass, for a change inside one operation. So the text is cut at its entries
// — the root object's, and within a big object value (`paths`, `components`, `schemas` …) its own entries —
// and each entry (`"key": value`, written exactly as in the document) is parsed alone, once per distinct text:
// the next version re-parses only the entry that changed, and its unchanged objects are the same objects, so
// the resolution (ref-view.ts) skips them too.
//
// The data equals JSON.parse of the whole text: the same values, key order (containers are filled in document
// order, as JSON.parse fills them) and no sharing between places (an entry written twice alike gets objects of
// its own). A text JSON.parse would refuse is not cut (a syntax error at a cut, text after the root, a key that
// JSON forbids); neither is one with a byte-order mark, a duplicate key or `__proto__` at a cut, or more entries
// there than MAX_JSON_PIECES. The caller then parses it whole, as before. Ranges are those JsonTextLocator finds
// in the whole text: each entry's are found in its own text once and kept with it, then moved to where the entry
// is now; a path that ends on an object that was cut (e.g. `paths`) gets its key's range, found by the scan; the
// root's (its first key) is found in the whole text. test/unit/exposure-first-json-pieces.test.mjs compares data
// and every node's ranges with the whole text's.
import type { JsonPath, Range } from '../types';
import { DOCUMENT_START } from '../document-findings';
import { JsonTextLocator, type ExposureLocator } from './locators';
import { JsonScanner, jsonValueSpans } from './json-locator';
import { jsonKeyAndValueRanges, narrowJsonRanges } from './json-key-ranges';
import { LineIndex } from './line-index';

/** Objects smaller than this are one piece: cutting them gains less than it costs. */
const MIN_SPLIT_CHARS = 2048;
/** Objects are cut this many levels deep at most (root entries, then `paths` → path items → operations, `components` → `schemas` → schemas). */
const MAX_SPLIT_LEVEL = 3;
/**
 * More entries than this at the cuts and the text is parsed whole: a piece costs a few hundred bytes beside its data,
 * so a document of a million tiny entries would take several times the memory of one parse. Real specs stay far
 * below (GitHub's 13 MB: 3,261 pieces; Microsoft Graph's 20 MB: 20,011).
 */
export const MAX_JSON_PIECES = 50_000;

/** One entry of an object, `"key": value` as written, parsed alone. */
interface JsonPiece {
  key: string;
  value: unknown;
  newlines: number;
  /** Offset of its last newline in the entry's own text (-1: none). */
  lastNewline: number;
  /**
   * Ranges already found in the entry wrapped as an object (see wrap), by path: the next keystroke asks again.
   * The text itself is not kept (a second copy of the document): it is wrapped again when a new path is asked.
   */
  findingRanges?: Map<string, Range>;
  operationRanges?: Map<string, Range>;
}

/** Parsed entries by text: what a document's next version can reuse. */
export type JsonPieceCache = Map<string, JsonPiece | null>;

interface Leaf {
  kind: 'leaf';
  piece: JsonPiece;
  /** The entry's value in this version's data (the piece's, or a copy of its own for an entry written twice). */
  value: unknown;
  /** Where the entry's text is in the whole text: its offsets, and the line and character it starts at. */
  start: number;
  end: number;
  line: number;
  character: number;
}

interface Composite {
  kind: 'composite';
  children: Map<string, Node>;
  order: Array<[string, Node]>;
  /** Its key's range, quotes included (keys hold no line break); undefined for the root. */
  key?: Range;
}

type Node = Leaf | Composite;

/** What the scan found: an entry of a walked object, with its value's own entries when it was walked too. */
interface RawEntry {
  key: string;
  /** The entry's text: from its key's opening quote to the end of its value. */
  start: number;
  end: number;
  /** Just after the key's closing quote. */
  keyEnd: number;
  /** The value's entries, when the value is an object cut into pieces. */
  entries?: RawEntry[];
}

/** A text the scan does not cut: the whole parse answers (and reports what is wrong with it). */
class NotCut extends Error {}

export interface ChunkedJson {
  data: unknown;
  locator: ExposureLocator;
  /** Pieces this version used: keep them for the next one. */
  pieces: JsonPieceCache;
}

/** An entry (`"key": value`) as an object of that one entry: what JSON.parse reads, and where its paths are found. */
const wrap = (entry: string) => `{${entry}}`;

function parsePiece(entry: string, key: string): JsonPiece | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(wrap(entry)) as Record<string, unknown>;
  } catch {
    return null;
  }
  let newlines = 0;
  let lastNewline = -1;
  for (let i = entry.indexOf('\n'); i >= 0; i = entry.indexOf('\n', i + 1)) {
    newlines++;
    lastNewline = i;
  }
  return { key, value: parsed[key], newlines, lastNewline };
}

/** Counts the entries the scan has met, up to MAX_JSON_PIECES. */
interface EntryBudget {
  left: number;
}

/** The entries of the object at the scanner's position (its `{`), walking into big object values up to MAX_SPLIT_LEVEL. */
function scanObject(scanner: JsonScanner, level: number, budget: EntryBudget): RawEntry[] {
  const text = scanner.text;
  scanner.pos++;
  scanner.skipSpace();
  const entries: RawEntry[] = [];
  if (text.charCodeAt(scanner.pos) === 125 /* } */) {
    scanner.pos++;
    return entries;
  }
  const keys = new Set<string>();
  for (;;) {
    scanner.skipSpace();
    const start = scanner.pos;
    if (text.charCodeAt(start) !== 34 /* " */ || --budget.left < 0) throw new NotCut();
    const key = scanner.string();
    const keyEnd = scanner.pos;
    // JSON.parse refuses raw control characters in a string; the scanner does not look.
    for (let i = start + 1; i < scanner.pos - 1; i++) if (text.charCodeAt(i) < 32) throw new NotCut();
    if (key === '__proto__' || keys.has(key)) throw new NotCut();
    keys.add(key);
    scanner.skipSpace();
    if (text.charCodeAt(scanner.pos) !== 58 /* : */) throw new NotCut();
    scanner.pos++;
    scanner.skipSpace();
    const valueStart = scanner.pos;
    let nested: RawEntry[] | undefined;
    if (level < MAX_SPLIT_LEVEL && text.charCodeAt(valueStart) === 123 /* { */) nested = scanObject(scanner, level + 1, budget);
    else scanner.skipValue();
    const end = scanner.pos;
    // A small object is one piece: what was walked inside it is dropped.
    entries.push({ key, start, end, keyEnd, ...(nested && end - valueStart >= MIN_SPLIT_CHARS ? { entries: nested } : {}) });
    scanner.skipSpace();
    const next = text.charCodeAt(scanner.pos++);
    if (next === 125 /* } */) return entries;
    if (next !== 44 /* , */) throw new NotCut();
  }
}

/**
 * The document parsed entry by entry, reusing `previous` pieces; undefined when it is not cut (parse it whole):
 * not an object, a byte-order mark, anything JSON.parse would refuse at a cut, a duplicate or `__proto__` key there.
 */
export function parseJsonInPieces(text: string, previous: JsonPieceCache): ChunkedJson | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const scanner = new JsonScanner(text);
  let rootEntries: RawEntry[];
  try {
    scanner.skipSpace();
    if (text.charCodeAt(scanner.pos) !== 123) return undefined;
    rootEntries = scanObject(scanner, 1, { left: MAX_JSON_PIECES });
    scanner.skipSpace();
    if (scanner.pos !== text.length) return undefined; // text after the root object
  } catch (error) {
    if (error instanceof NotCut || error instanceof SyntaxError) return undefined;
    throw error;
  }

  const pieces: JsonPieceCache = new Map();
  /** Pieces placed in this version's data: an entry written twice alike needs objects of its own. */
  const placed = new Set<JsonPiece>();
  // Line and character of each entry's start, counted over the text between entries only: an entry's own
  // newlines are counted once, when its text is first parsed.
  let cursor = 0;
  let line = 0;
  let lineStart = 0;

  const advance = (to: number) => {
    for (let i = cursor; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    cursor = to;
  };

  const leaf = (entry: RawEntry): Leaf => {
    advance(entry.start);
    const entryText = text.slice(entry.start, entry.end);
    let piece = pieces.get(entryText) ?? previous.get(entryText);
    if (piece === undefined) piece = parsePiece(entryText, entry.key);
    pieces.set(entryText, piece);
    if (!piece) throw new NotCut();
    let value = piece.value;
    if (placed.has(piece)) value = (JSON.parse(wrap(entryText)) as Record<string, unknown>)[piece.key];
    placed.add(piece);
    const node: Leaf = { kind: 'leaf', piece, value, start: entry.start, end: entry.end, line, character: entry.start - lineStart };
    if (piece.newlines > 0) {
      line += piece.newlines;
      lineStart = entry.start + piece.lastNewline + 1;
    }
    cursor = entry.end;
    return node;
  };

  const composite = (entries: RawEntry[], key?: Range): Composite => {
    const children = new Map<string, Node>();
    const order: Array<[string, Node]> = [];
    for (const entry of entries) {
      let node: Node;
      if (entry.entries) {
        advance(entry.start);
        const start = { line, character: entry.start - lineStart };
        node = composite(entry.entries, { start, end: { line, character: start.character + entry.keyEnd - entry.start } });
      } else {
        node = leaf(entry);
      }
      children.set(entry.key, node);
      order.push([entry.key, node]);
    }
    return { kind: 'composite', children, order, ...(key ? { key } : {}) };
  };

  try {
    const root = composite(rootEntries);
    return { data: dataOf(root), locator: new JsonPiecesLocator(text, root), pieces };
  } catch (error) {
    if (error instanceof NotCut) return undefined;
    throw error;
  }
}

/** The data of a node, filled in document order as JSON.parse fills an object. */
function dataOf(node: Node): unknown {
  if (node.kind === 'leaf') return node.value;
  const container: Record<string, unknown> = {};
  for (const [key, child] of node.order) container[key] = dataOf(child);
  return container;
}

type Found = { leaf: Leaf; inner: JsonPath } | { cut: Composite } | { missing: true };

/** Where a path ends up: in an entry (with the path inside its wrapped text), on an object that was cut, or nowhere. */
function descend(root: Composite, path: JsonPath): Found {
  let node: Composite = root;
  for (let i = 0; i < path.length; i++) {
    const child: Node | undefined = node.children.get(String(path[i]));
    if (!child) return { missing: true };
    // The segment as given: a number makes a finding on an array item's range (json-key-ranges.ts), also here.
    if (child.kind === 'leaf') return { leaf: child, inner: path.slice(i) };
    node = child;
  }
  return { cut: node };
}

/**
 * A finding's range on an object that was cut, as narrowJsonRanges gives it: its key. Undefined for the root (its
 * first key) and for a path whose last segment is a number (an array item's range): the whole text answers those.
 */
const cutFindingRange = (node: Composite, path: JsonPath): Range | undefined =>
  typeof path[path.length - 1] === 'number' ? undefined : node.key;

/** A range found in an entry's wrapped text, moved to where the entry is in the whole text. */
function moved(leaf: Leaf, relative: Range): Range {
  const at = (position: Range['start']) =>
    position.line === 0
      ? { line: leaf.line, character: leaf.character + position.character - 1 } // after the wrapping `{`
      : { line: leaf.line + position.line, character: position.character };
  return { start: at(relative.start), end: at(relative.end) };
}

/**
 * Ranges from the entries' own texts, as JsonTextLocator finds them in the whole text. `kind` chooses what is
 * found (a finding's narrowed range, or an operation's key and body) and where it is kept.
 */
function leafRanges(text: string, found: Array<{ leaf: Leaf; inner: JsonPath }>, kind: 'finding' | 'operation'): Array<Range | undefined> {
  const byPiece = new Map<JsonPiece, number[]>();
  const keys = found.map(({ inner }) => JSON.stringify(inner));
  const relative: Array<Range | undefined> = new Array(found.length);
  found.forEach(({ leaf }, i) => {
    const known = (kind === 'finding' ? leaf.piece.findingRanges : leaf.piece.operationRanges)?.get(keys[i]);
    if (known) relative[i] = known;
    else if (byPiece.has(leaf.piece)) byPiece.get(leaf.piece)!.push(i);
    else byPiece.set(leaf.piece, [i]);
  });
  for (const [piece, indexes] of byPiece) {
    const inners = indexes.map((i) => found[i].inner);
    const { leaf } = found[indexes[0]];
    const wrapped = wrap(text.slice(leaf.start, leaf.end));
    const lines = new LineIndex(wrapped);
    const spans = jsonValueSpans(wrapped, inners);
    const ranges =
      kind === 'finding'
        ? spans.every((span) => span !== undefined)
          ? narrowJsonRanges(wrapped, inners, spans as Array<[number, number]>, lines)
          : spans.map(() => undefined)
        : jsonKeyAndValueRanges(wrapped, spans, lines);
    const kept = kind === 'finding' ? (piece.findingRanges ??= new Map()) : (piece.operationRanges ??= new Map());
    indexes.forEach((i, j) => {
      relative[i] = ranges[j];
      if (ranges[j]) kept.set(keys[i], ranges[j] as Range);
    });
  }
  return relative.map((range, i) => (range ? moved(found[i].leaf, range) : undefined));
}

class JsonPiecesLocator implements ExposureLocator {
  private whole: JsonTextLocator | undefined;
  private operationPaths: readonly JsonPath[] = [];

  constructor(
    private readonly text: string,
    private readonly root: Composite,
  ) {}

  /** The root's range (its first key), and an array index given on an object that was cut: found in the whole text. */
  private wholeText(): JsonTextLocator {
    if (!this.whole) {
      this.whole = new JsonTextLocator(this.text);
      this.whole.expectOperations(this.operationPaths);
    }
    return this.whole;
  }

  expectOperations(paths: readonly JsonPath[]): void {
    this.operationPaths = paths;
  }

  findingRanges(paths: readonly JsonPath[]): Range[] | undefined {
    const found = paths.map((path) => descend(this.root, path));
    if (found.some((f) => 'missing' in f)) return undefined; // as in the whole text: a path that is not there
    const onCuts = found.map((f, i) => ('cut' in f ? cutFindingRange(f.cut, paths[i]) : undefined));
    if (found.some((f, i) => 'cut' in f && !onCuts[i])) return this.wholeText().findingRanges(paths);
    const inLeaves = found.flatMap((f, i) => ('leaf' in f ? [{ ...f, index: i }] : []));
    const ranges = leafRanges(this.text, inLeaves, 'finding');
    if (ranges.some((range) => range === undefined)) return undefined;
    inLeaves.forEach(({ index }, j) => (onCuts[index] = ranges[j]));
    return onCuts as Range[];
  }

  operationRanges(paths: readonly JsonPath[]): Range[] | undefined {
    const found = paths.map((path) => descend(this.root, path));
    if (found.some((f) => 'cut' in f)) return this.wholeText().operationRanges(paths);
    const inLeaves = found.flatMap((f, i) => ('leaf' in f ? [{ ...f, index: i }] : []));
    const ranges = leafRanges(this.text, inLeaves, 'operation');
    const result: Range[] = paths.map(() => DOCUMENT_START);
    inLeaves.forEach(({ index }, j) => (result[index] = ranges[j] ?? DOCUMENT_START));
    return result;
  }
}
