// A parsed view of the document that keeps source positions (YAML and JSON alike: JSON is
// parsed by the YAML parser as flow collections) plus the formatting habits of its author,
// so inserted text looks like it was written by the same hand.
import {
  parseDocument,
  isMap,
  isSeq,
  isPair,
  isScalar,
  isAlias,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { DocumentFormat, JsonPath } from '../types';

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

export interface SourceStyle {
  /** One level of indentation: "  ", "    " or "\t". */
  indentUnit: string;
  /** YAML: block sequence items indented under their key (`key:\n  - a`) rather than level with it. */
  indentSeq: boolean;
  /** YAML: quote keys and strings with single quotes when quoting is needed. */
  singleQuote: boolean;
  eol: '\n' | '\r\n';
  /** YAML: flow mappings written `{ a: 1 }` (true) or `{a: 1}`; flow sequences `[ a ]` or `[a]`. */
  flowMapPadding: boolean;
  flowSeqPadding: boolean;
}

export class SourceDoc {
  readonly doc: Document.Parsed;
  /** The document as plain data, for the decisions fixes make. */
  readonly data: unknown;
  readonly style: SourceStyle;

  constructor(
    readonly text: string,
    readonly format: DocumentFormat,
  ) {
    this.doc = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false, strict: false, prettyErrors: false });
    let data: unknown;
    try {
      data = this.doc.toJS({ maxAliasCount: -1 });
    } catch {
      data = undefined;
    }
    this.data = data;
    this.style = detectStyle(text, format, this.doc);
  }

  get ok(): boolean {
    return this.doc.errors.length === 0 && this.doc.contents !== null;
  }

  get root(): Node | null {
    return this.doc.contents as Node | null;
  }

  /** The node at a JSON path, following aliases; undefined when any segment is missing. */
  nodeAt(path: JsonPath): Node | undefined {
    let node: Node | undefined = this.root ?? undefined;
    for (const segment of path) {
      node = this.deref(node);
      if (isMap(node)) {
        const pair = findPair(node, segment);
        node = pair ? ((pair.value as Node | null) ?? undefined) : undefined;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = (node.items[segment] as Node | undefined) ?? undefined;
      } else return undefined;
      if (node === undefined) return undefined;
    }
    return this.deref(node);
  }

  pairAt(mapPath: JsonPath, key: string | number): Pair<Node, Node | null> | undefined {
    const map = this.nodeAt(mapPath);
    return isMap(map) ? findPair(map, key) : undefined;
  }

  deref(node: Node | undefined): Node | undefined {
    if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? undefined;
    return node;
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Leading whitespace of the line holding `offset`. */
  lineIndent(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start))![0];
  }
}

export function findPair(map: YAMLMap<unknown, unknown>, key: string | number): Pair<Node, Node | null> | undefined {
  const wanted = String(key);
  for (const item of map.items) {
    const k = item.key;
    const name = isScalar(k) ? String(k.value) : String(k);
    if (name === wanted) return item as Pair<Node, Node | null>;
  }
  return undefined;
}

export function guessFormat(text: string): DocumentFormat {
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

function detectStyle(text: string, format: DocumentFormat, doc: Document.Parsed): SourceStyle {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let indentUnit = '  ';
  let indentSeq = true;
  if (format === 'json') {
    const m = /[{[][ \t]*\r?\n([ \t]+)\S/.exec(text);
    if (m) indentUnit = m[1];
  } else {
    const found = { unit: undefined as string | undefined, seq: undefined as boolean | undefined };
    const lineStart = (o: number) => text.lastIndexOf('\n', o - 1) + 1;
    const col = (o: number) => o - lineStart(o);
    const visit = (node: unknown, depth: number) => {
      if (depth > 12 || (found.unit !== undefined && found.seq !== undefined)) return;
      if (isMap(node) && !node.flow) {
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          const value = pair.value as Node | null;
          if (key?.range && value?.range && !(value as Collection).flow) {
            if (found.unit === undefined && isMap(value) && value.items.length) {
              const diff = col(value.range[0]) - col(key.range[0]);
              if (diff > 0) found.unit = ' '.repeat(diff);
            }
            if (found.seq === undefined && isSeq(value) && value.items.length) {
              const dash = text.lastIndexOf('-', ((value.items[0] as Node)?.range?.[0] ?? value.range[0]) - 1);
              if (dash >= 0) found.seq = col(dash) > col(key.range[0]);
            }
          }
          visit(value, depth + 1);
        }
      } else if (isSeq(node) && !node.flow) for (const item of node.items) visit(item, depth + 1);
    };
    visit(doc.contents, 0);
    if (found.unit) indentUnit = found.unit;
    if (found.seq !== undefined) indentSeq = found.seq;
  }
  // Quoted scalars ('200': / "1.0") tell which quotes the author uses; the majority wins.
  const count = (re: RegExp) => (format === 'yaml' ? (text.match(re) ?? []).length : 0);
  const single = count(/(^|[\s:[{,-])'[^'\n]*'/gm);
  const double = count(/(^|[\s:[{,-])"[^"\n]*"/gm);
  // Non-empty flow collections tell whether the author pads brackets; the majority wins.
  const padded = (open: string, close: string) => {
    const withSpace = count(new RegExp(`\\${open} +[^\\s\\${close}]`, 'g'));
    const without = count(new RegExp(`\\${open}[^\\s\\${close}]`, 'g'));
    return { withSpace, without };
  };
  const maps = padded('{', '}');
  const seqs = padded('[', ']');
  return {
    indentUnit,
    indentSeq,
    singleQuote: single > double,
    eol,
    flowMapPadding: maps.withSpace >= maps.without,
    flowSeqPadding: seqs.withSpace > seqs.without,
  };
}

export { isMap, isSeq, isPair, isScalar };
