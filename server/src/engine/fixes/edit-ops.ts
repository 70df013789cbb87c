// Declarative edits by JSON path ("set this key", "append this item"). Each op is evaluated on
// the current text, so a fix made of several ops re-reads positions after every step.
// Block YAML gets inserted lines at the right indent; flow YAML and JSON get entries inserted
// before the closing bracket. Only the touched node is rewritten, never the whole document.
import type { Node, Pair, YAMLMap } from 'yaml';
import type { JsonPath, TextEdit } from '../types';
import { findPair, isMap, isSeq, isScalar, type Collection, type SourceDoc } from './source-doc';
import { isPlainInFlow, renderBlockEntry, renderFlowKey, renderFlowStyled, renderJson } from './render';
import { siblingTemplate } from './flow-style';

/** What an op does, kept so a fix can be re-targeted at another file (see fixes/referenced.ts). */
export interface EditOpSpec {
  kind: 'set' | 'append';
  path: JsonPath;
  value: unknown;
}

/**
 * `optional`: a follow-up op (e.g. rewriting a generated code sample after a security change) that a fix may leave
 * out where it cannot be placed (a fix spanning two files), rather than offering no fix at all.
 */
export type EditOp = ((doc: SourceDoc) => TextEdit | null) & { spec?: EditOpSpec; optional?: boolean };

/** Sets `path` to `value`, creating missing parent mappings; replaces the value when the key exists. */
export function setValue(path: JsonPath, value: unknown): EditOp {
  return Object.assign(setValueOp(path, value), { spec: { kind: 'set', path, value } satisfies EditOpSpec });
}

function setValueOp(path: JsonPath, value: unknown): EditOp {
  return (doc) => {
    let depth = path.length;
    while (depth > 0 && doc.nodeAt(path.slice(0, depth)) === undefined) depth--;
    if (depth === path.length) return replaceValue(doc, path, value);
    let nested = value;
    for (let i = path.length - 1; i > depth; i--) nested = { [String(path[i])]: nested };
    const parentPath = path.slice(0, depth);
    const parent = doc.nodeAt(parentPath);
    const key = String(path[depth]);
    if (isMap(parent)) return insertPair(doc, parentPath, parent, key, nested);
    if (isSeq(parent)) return null;
    // An empty value (`components:`) or a scalar in the way: replace it with a mapping.
    if (depth === 0) return null;
    return replaceValue(doc, parentPath, { [key]: nested });
  };
}

/** Appends `item` to the sequence at `seqPath`, creating the sequence when absent. */
export function appendItem(seqPath: JsonPath, item: unknown): EditOp {
  return Object.assign(appendItemOp(seqPath, item), { spec: { kind: 'append', path: seqPath, value: item } satisfies EditOpSpec });
}

function appendItemOp(seqPath: JsonPath, item: unknown): EditOp {
  return (doc) => {
    const seq = doc.nodeAt(seqPath);
    if (!isSeq(seq)) return setValue(seqPath, [item])(doc);
    if (seq.items.length === 0) return replaceValue(doc, seqPath, [item]);
    const items = seq.items as Node[];
    if (!seq.flow) {
      const first = items[0];
      const dash = doc.text.lastIndexOf('-', first.range![0] - 1);
      const indent = ' '.repeat(doc.column(dash));
      const template = { node: siblingTemplate(items), guess: true };
      return insertLines(doc, endOfNode(items[items.length - 1]), renderBlockEntry(null, item, indent, doc.style, undefined, template));
    }
    return insertIntoFlow(doc, seq, null, item);
  };
}

/**
 * End of a node's last content. A block collection's own range also covers comment lines
 * that follow it (even less indented ones), which must stay where they are.
 */
function endOfNode(node: Node): number {
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length) {
    const last = node.items[node.items.length - 1] as Node | Pair<Node, Node | null>;
    return isPairNode(last) ? endOfPair(last) : endOfNode(last);
  }
  return node.range![1];
}

/** End of a pair's value (or of its key when the value is empty). */
function endOfPair(pair: Pair<Node, Node | null>): number {
  const v = pair.value;
  if (v?.range && !(isScalar(v) && v.range[0] === v.range[1])) return endOfNode(v);
  return pair.key.range![1];
}

/** Inserts whole lines after the line that holds `afterOffset`. `lines` ends with the EOL. */
function insertLines(doc: SourceDoc, afterOffset: number, lines: string): TextEdit {
  const text = doc.text;
  if (afterOffset > 0 && text[afterOffset - 1] === '\n') return { offset: afterOffset, length: 0, newText: lines };
  const newline = text.indexOf('\n', afterOffset);
  if (newline >= 0) return { offset: newline + 1, length: 0, newText: lines };
  // Last line without a terminator: keep the file without a final newline.
  return { offset: text.length, length: 0, newText: doc.style.eol + lines.slice(0, lines.length - doc.style.eol.length) };
}

function insertPair(doc: SourceDoc, mapPath: JsonPath, map: YAMLMap<unknown, unknown>, key: string, value: unknown): TextEdit | null {
  const pairs = map.items as Pair<Node, Node | null>[];
  if (!map.flow) {
    if (pairs.length === 0) return null;
    const indent = ' '.repeat(doc.column(pairs[0].key.range![0]));
    // The new value's template: what its siblings look like (`'200': { $ref: … }` → a flow 429).
    const template = { node: siblingTemplate(pairs.map((p) => p.value)), guess: true };
    return insertLines(doc, endOfPair(pairs[pairs.length - 1]), renderBlockEntry(key, value, indent, doc.style, undefined, template));
  }
  if (pairs.length === 0 && doc.format === 'yaml' && mapPath.length > 0) {
    // `responses: {}` under a block mapping: write the new content in block style.
    const parent = doc.nodeAt(mapPath.slice(0, -1));
    if (isMap(parent) && !parent.flow) return replaceValue(doc, mapPath, { [key]: value });
  }
  return insertIntoFlow(doc, map, key, value);
}

/** Inserts an entry before the closing bracket of a flow collection (YAML flow or JSON). */
function insertIntoFlow(doc: SourceDoc, node: Collection, key: string | null, value: unknown): TextEdit | null {
  const json = doc.format === 'json';
  const text = doc.text;
  const [start, end] = node.range!;
  const open = start;
  const close = text.lastIndexOf(isMap(node) ? '}' : ']', end - 1);
  if (close < open) return null;
  const renderKey = (k: string) => (!json && isPlainInFlow(k) ? k : renderFlowKey(k, json, doc.style.singleQuote));
  const items = node.items as Array<Node | Pair<Node, Node | null>>;
  const firstStart = items.length ? itemStart(items[0]) : -1;
  const multiline = items.length ? text.slice(open, firstStart).includes('\n') : json && doc.style.indentUnit !== '' && text.includes('\n');
  // Minified JSON (`{"a":1,"b":2}`) stays minified.
  const compact = json && !multiline && !/[,:] /.test(text.slice(open, close));
  const separator = compact ? ',' : ', ';
  const entryFor = (indent: string) => {
    if (compact) return (key === null ? '' : `${renderKey(key)}:`) + JSON.stringify(value);
    const rendered = json ? renderJson(value, indent, doc.style, multiline) : renderFlowStyled(value, doc.style);
    return key === null ? rendered : `${renderKey(key)}: ${rendered}`;
  };
  if (items.length === 0) {
    if (!multiline) return { offset: open, length: close + 1 - open, newText: `${text[open]}${entryFor('')}${text[close]}` };
    const base = doc.lineIndent(open);
    const inner = base + doc.style.indentUnit;
    const eol = doc.style.eol;
    return { offset: open, length: close + 1 - open, newText: `${text[open]}${eol}${inner}${entryFor(inner)}${eol}${base}${text[close]}` };
  }
  const last = items[items.length - 1];
  const lastEnd = isPairNode(last) ? endOfPair(last) : last.range![1];
  if (multiline) {
    const indent = doc.lineIndent(firstStart);
    return { offset: lastEnd, length: 0, newText: `,${doc.style.eol}${indent}${entryFor(indent)}` };
  }
  return { offset: lastEnd, length: 0, newText: `${separator}${entryFor('')}` };
}

function isPairNode(item: unknown): item is Pair<Node, Node | null> {
  return !!item && typeof item === 'object' && 'key' in item && 'value' in item;
}

function itemStart(item: Node | Pair<Node, Node | null>): number {
  return isPairNode(item) ? item.key.range![0] : item.range![0];
}

/** Replaces the value at `path` (a key of a mapping), keeping the key as written. */
function replaceValue(doc: SourceDoc, path: JsonPath, value: unknown): TextEdit | null {
  if (path.length === 0) return null;
  const parent = doc.nodeAt(path.slice(0, -1));
  if (!isMap(parent)) return null;
  const pair = findPair(parent, path[path.length - 1]);
  if (!pair) return null;
  const json = doc.format === 'json';
  const v = pair.value;
  if (parent.flow) {
    if (!v?.range) return null;
    const indent = doc.lineIndent(pair.key.range![0]);
    const multiline = json && doc.text.includes('\n');
    const rendered = json ? renderJson(value, indent, doc.style, multiline) : renderFlowStyled(value, doc.style);
    return { offset: v.range[0], length: v.range[1] - v.range[0], newText: rendered };
  }
  // Block mapping: rewrite the whole `key: value` entry, from the key to the end of the value.
  const keyStart = pair.key.range![0];
  const keySource = doc.text.slice(keyStart, pair.key.range![1]);
  const indent = ' '.repeat(doc.column(keyStart));
  const end = endOfPair(pair);
  // The new value keeps the style of the one it replaces, part by part.
  const rendered = renderBlockEntry(String(path[path.length - 1]), value, indent, doc.style, keySource, { node: v, guess: false }).slice(
    indent.length,
  );
  if (doc.text[end - 1] === '\n') return { offset: keyStart, length: end - keyStart, newText: rendered };
  return { offset: keyStart, length: end - keyStart, newText: rendered.slice(0, rendered.length - doc.style.eol.length) };
}
