// Where each value of a JSON document is in its text, in flat typed arrays: what Spectral's JSON parser keeps as
// a tree of objects (a node, a children array, a range and its two positions per value, a property node and a
// key node per property) for no more than finding a path's range. On Stripe's 2.5 MB spec that tree was 48 MB of a
// lint's ~110 MB live heap; this is ~24 bytes per value. Lookups answer as @stoplight/json's findNodeAtPath does
// (the first property of a key), and as key-ranges.ts wants (the last one), with an index for big objects.
import type { JsonPath, Range } from './types';
import { LineIndex } from './exposure-first/line-index';

export const enum JsonKind {
  Object = 0,
  Array = 1,
  Literal = 2,
  /** A node of a malformed document's tree that is neither (Spectral's parser can leave one where a value was). */
  Other = 3,
}

// One node's fields, side by side in one Int32Array.
const KIND = 0;
const OFFSET = 1;
const LENGTH = 2;
/** The index after the node's last descendant: its next sibling, if any. */
const END = 3;
const KEY_OFFSET = 4;
const KEY_LENGTH = 5;
const STRIDE = 6;

/** Objects and arrays with more children than this get an index on first lookup (Microsoft Graph's `paths` has ~5,800). */
const INDEX_FROM = 16;

/** Positions given per node, where offsets cannot tell them (a malformed document's tree, a lone "\r"). */
export interface NodePositions {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A node is its index; the root is 0 when the document has a value. */
export type JsonNodeId = number;

export class JsonTree {
  private fields = new Int32Array(STRIDE * 1024);
  private count = 0;
  /** Each property value's key (undefined for the root and array items). */
  private readonly keys: Array<string | undefined> = [];
  /** Only for trees built from Spectral's own (flat positions when absent: from offsets through the line index). */
  private positions: Array<NodePositions | undefined> | undefined;
  private lines: LineIndex | undefined;
  private readonly firstByKey = new Map<JsonNodeId, Map<string, JsonNodeId>>();
  private readonly lastByKey = new Map<JsonNodeId, Map<string, JsonNodeId>>();
  private readonly itemsOf = new Map<JsonNodeId, Int32Array>();

  constructor(private readonly text: string) {}

  get size(): number {
    return this.count;
  }

  /** True for a tree converted from Spectral's parser's (a malformed document): positions are its own. */
  get converted(): boolean {
    return this.positions !== undefined;
  }

  /** Starts a node (its children follow, before `close`). `key`: the property it is the value of. */
  open(kind: JsonKind, offset: number, key?: { value: string; offset: number; length: number }): JsonNodeId {
    const id = this.count++;
    if ((id + 1) * STRIDE > this.fields.length) {
      const grown = new Int32Array(this.fields.length * 2);
      grown.set(this.fields);
      this.fields = grown;
    }
    const at = id * STRIDE;
    this.fields[at + KIND] = kind;
    this.fields[at + OFFSET] = offset;
    this.fields[at + KEY_OFFSET] = key ? key.offset : -1;
    this.fields[at + KEY_LENGTH] = key ? key.length : 0;
    this.keys.push(key?.value);
    return id;
  }

  close(id: JsonNodeId, endOffset: number): void {
    this.fields[id * STRIDE + LENGTH] = endOffset - this.fields[id * STRIDE + OFFSET];
    this.fields[id * STRIDE + END] = this.count;
  }

  /** For trees converted from Spectral's: the node's own positions (undefined: it has no range). */
  setPositions(id: JsonNodeId, positions: NodePositions | undefined): void {
    (this.positions ??= [])[id] = positions;
  }

  /** Drops the spare room left by growing (called once the tree is complete). */
  seal(): void {
    this.fields = this.fields.slice(0, this.count * STRIDE);
  }

  kind(id: JsonNodeId): JsonKind {
    return this.fields[id * STRIDE + KIND];
  }

  isCollection(id: JsonNodeId): boolean {
    const kind = this.kind(id);
    return kind === JsonKind.Object || kind === JsonKind.Array;
  }

  /** Start and end offsets of the value. */
  span(id: JsonNodeId): { start: number; end: number } {
    const start = this.fields[id * STRIDE + OFFSET];
    return { start, end: start + this.fields[id * STRIDE + LENGTH] };
  }

  /** Start and end offsets of the key whose value the node is (quotes included). */
  keySpan(id: JsonNodeId): { start: number; end: number } | undefined {
    const start = this.fields[id * STRIDE + KEY_OFFSET];
    return start < 0 ? undefined : { start, end: start + this.fields[id * STRIDE + KEY_LENGTH] };
  }

  /** The range Spectral's parser gives the value (a fresh object: callers may keep or change it). */
  range(id: JsonNodeId): Range | undefined {
    if (this.positions) {
      const own = this.positions[id];
      return own && { start: { ...own.start }, end: { ...own.end } };
    }
    const { start, end } = this.span(id);
    return (this.lines ??= new LineIndex(this.text)).range(start, end);
  }

  /** The index after the node's last descendant: its next sibling, if any. */
  private endOf(id: JsonNodeId): number {
    return this.fields[id * STRIDE + END];
  }

  /** The node's children, in document order. */
  *children(id: JsonNodeId): Generator<JsonNodeId> {
    for (let child = id + 1, end = this.endOf(id); child < end; child = this.endOf(child)) yield child;
  }

  /**
   * The first (`which`: 'first', as Spectral locates) or last (as the data holds it) property value of that key. A
   * small object is scanned in place (this runs for every step of every finding's path); a big one gets an index.
   */
  property(id: JsonNodeId, key: string, which: 'first' | 'last'): JsonNodeId | undefined {
    const indexes = which === 'first' ? this.firstByKey : this.lastByKey;
    let index = indexes.get(id);
    if (!index) {
      let count = 0;
      let found: JsonNodeId | undefined;
      for (let child = id + 1, end = this.endOf(id); child < end; child = this.endOf(child)) {
        count++;
        if (this.keys[child] === key && (found === undefined || which === 'last')) found = child;
      }
      if (count <= INDEX_FROM) return found;
      index = new Map();
      for (const child of this.children(id)) {
        const own = this.keys[child];
        if (own !== undefined && (which === 'last' || !index.has(own))) index.set(own, child);
      }
      indexes.set(id, index);
    }
    return index.get(key);
  }

  /** The array's item at `position` (scanned in place in a small array, indexed in a big one). */
  item(id: JsonNodeId, position: number): JsonNodeId | undefined {
    let items = this.itemsOf.get(id);
    if (!items) {
      let count = 0;
      let found: JsonNodeId | undefined;
      for (let child = id + 1, end = this.endOf(id); child < end; child = this.endOf(child)) {
        if (count === position) found = child;
        count++;
      }
      if (count <= INDEX_FROM) return found;
      items = Int32Array.from(this.children(id));
      this.itemsOf.set(id, items);
    }
    return position < items.length ? items[position] : undefined;
  }

  /**
   * @stoplight/json's findNodeAtPath, step for step: a segment that reads as an integer is one (an object's key is
   * then its decimal text), an object's first property of a key is taken, and `closest` gives the deepest node
   * reached instead of nothing.
   */
  find(path: JsonPath, closest: boolean): JsonNodeId | undefined {
    if (this.count === 0) return undefined;
    let node: JsonNodeId = 0;
    for (const raw of path) {
      const segment = Number.isInteger(Number(raw)) ? Number(raw) : raw;
      const kind = this.kind(node);
      let next: JsonNodeId | undefined;
      if (typeof segment === 'string' || kind !== JsonKind.Array) {
        next = kind === JsonKind.Object ? this.property(node, String(segment), 'first') : undefined;
      } else {
        next = segment >= 0 ? this.item(node, segment) : undefined;
      }
      if (next === undefined) return closest ? node : undefined;
      node = next;
    }
    return node;
  }
}
