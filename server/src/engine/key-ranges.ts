// The smallest meaningful range for a finding, like ESLint and yaml-language-server: the KEY of the
// operation, object or property a finding is about (`get:` rather than its 70-line body), or the value itself
// when the finding is about a scalar (a wrong value). Spectral gives whole-value ranges; this walks what the parse
// already kept (no second parse): Spectral's YAML syntax tree, or the JSON document's JsonTree (json-tree.ts).
import type { Document } from '@stoplight/spectral-core';
import type { JsonPath, Position, Range } from './types';
import { LineIndex } from './exposure-first/line-index';
import { JsonKind, JsonTree, type JsonNodeId } from './json-tree';
import { lastByKey, yamlMappingKey } from './last-by-key';

// The parts of Spectral's parser results this reads. They are protected members of Spectral's Document
// (a pinned, bundled version): read here only, so a change in their shape touches one file.
interface YamlNode {
  kind: number; // 0 scalar, 1 mapping, 2 map, 3 sequence, 4 alias, 5 include
  startPosition: number;
  endPosition: number;
  key?: YamlNode;
  value?: YamlNode | null;
  mappings?: YamlNode[];
  items?: Array<YamlNode | null>;
}
const YAML_MAP = 2;
const YAML_SEQ = 3;

/** Offsets of one step of a path: the key (absent for sequence items and the root) and the node. */
interface Step {
  key?: { start: number; end: number };
  node: { start: number; end: number; isCollection: boolean };
}

export class KeyRanges {
  private lines: LineIndex | undefined;

  constructor(
    private readonly document: Document<unknown, any>,
    private readonly text: string,
    private readonly walk: (path: JsonPath) => { steps: Step[]; complete: boolean },
    /** The root mapping's first key, if any. */
    private readonly firstKey: () => { start: number; end: number } | undefined,
  ) {}

  static of(document: Document<unknown, any>): KeyRanges | undefined {
    const internals = document as unknown as { input?: unknown; parserResult?: { ast?: unknown } };
    const text = internals.input;
    const ast = internals.parserResult?.ast;
    if (typeof text !== 'string' || !ast || typeof ast !== 'object') return undefined;
    if (ast instanceof JsonTree) {
      return new KeyRanges(
        document,
        text,
        (path) => walkJson(ast, path),
        () => {
          const first = ast.size > 0 && ast.kind(0) === JsonKind.Object ? ast.children(0).next() : undefined;
          return first && !first.done ? ast.keySpan(first.value) : undefined;
        },
      );
    }
    if ('kind' in ast) {
      const root = ast as YamlNode;
      return new KeyRanges(
        document,
        text,
        (path) => walkYaml(root, path),
        () => {
          const key = root.kind === YAML_MAP ? root.mappings?.[0]?.key : undefined;
          return key ? { start: key.startPosition, end: key.endPosition } : undefined;
        },
      );
    }
    return undefined;
  }

  /**
   * The range to show for a finding at `path` whose whole-value range is `range`: the key of the node the
   * path reaches (or of its closest existing ancestor); the value itself when that is a scalar; the first line of
   * a sequence item; the first key of the document for the root. `range` unchanged when nothing better is known.
   */
  findingRange(path: JsonPath, range: Range): Range {
    // Only a range Spectral derived from the path is narrowed; one the rule or the parser chose (a syntax
    // error's position) is kept as it is.
    const derived = this.document.getRangeForJsonPath(path, true);
    if (!derived || !sameRange(derived, range)) return range;
    const walked = this.walk(path);
    const last = walked.steps[walked.steps.length - 1];
    const keyOnly = last.key !== undefined && last.key.start === last.node.start;
    if (!last.node.isCollection && !keyOnly) return range; // a scalar: the value is what is wrong
    if (last.key) return this.toRange(last.key.start, last.key.end);
    if (walked.steps.length === 1) {
      // The root: its first key (`openapi:`), a visible mark at the top instead of the whole document.
      const first = this.firstKey();
      return first ? this.toRange(first.start, first.end) : range;
    }
    return this.toRange(last.node.start, this.endOfLine(last.node.start, last.node.end));
  }

  /** The range of the key and its value together (an operation's `get:` line and body), for hover and CodeLens. */
  keyAndValueRange(path: JsonPath, range: Range): Range {
    const walked = this.walk(path);
    const last = walked.complete ? walked.steps[walked.steps.length - 1] : undefined;
    if (!last?.key) return range;
    return { start: this.positionAt(last.key.start), end: range.end };
  }

  private toRange(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private endOfLine(start: number, end: number): number {
    const newline = this.text.indexOf('\n', start);
    let stop = newline < 0 || newline > end ? end : newline;
    while (stop > start && /\s/.test(this.text[stop - 1])) stop--;
    return stop;
  }

  private positionAt(offset: number): Position {
    return (this.lines ??= new LineIndex(this.text)).position(offset);
  }
}

function walkYaml(root: YamlNode, path: JsonPath): { steps: Step[]; complete: boolean } {
  const yamlStep = (node: YamlNode, key?: YamlNode): Step => ({
    key: key ? { start: key.startPosition, end: key.endPosition } : undefined,
    node: {
      start: node.startPosition,
      end: node.endPosition,
      isCollection: node.kind === YAML_MAP || node.kind === YAML_SEQ || node.kind === 4,
    },
  });
  const steps: Step[] = [yamlStep(root)];
  let node = root;
  for (const segment of path) {
    if (node.kind === YAML_MAP) {
      // The last mapping with that key wins, as in Spectral's own lookup (and in the parsed data).
      const mapping = lastByKey(node, node.mappings, String(segment), yamlMappingKey);
      if (!mapping?.key) return { steps, complete: false };
      if (!mapping.value) {
        // `key:` with nothing after it: the key is all there is to mark.
        steps.push({
          key: { start: mapping.key.startPosition, end: mapping.key.endPosition },
          node: { start: mapping.key.startPosition, end: mapping.key.endPosition, isCollection: false },
        });
        return { steps, complete: steps.length === path.length + 1 };
      }
      node = mapping.value;
      steps.push(yamlStep(node, mapping.key));
    } else if (node.kind === YAML_SEQ) {
      const item = node.items?.[Number(segment)];
      if (!item) return { steps, complete: false };
      node = item;
      steps.push(yamlStep(node));
    } else {
      return { steps, complete: false };
    }
  }
  return { steps, complete: true };
}

function walkJson(tree: JsonTree, path: JsonPath): { steps: Step[]; complete: boolean } {
  const jsonStep = (node: JsonNodeId): Step => ({
    key: tree.keySpan(node),
    node: { ...tree.span(node), isCollection: tree.isCollection(node) },
  });
  if (tree.size === 0) return { steps: [{ node: { start: 0, end: 0, isCollection: false } }], complete: false };
  const steps: Step[] = [jsonStep(0)];
  let node: JsonNodeId = 0;
  for (const segment of path) {
    const kind = tree.kind(node);
    // The last property of a key, as in the parsed data.
    const next =
      kind === JsonKind.Object
        ? tree.property(node, String(segment), 'last')
        : kind === JsonKind.Array
          ? tree.item(node, Number(segment))
          : undefined;
    if (next === undefined) return { steps, complete: false };
    node = next;
    steps.push(jsonStep(node));
  }
  return { steps, complete: true };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
