// Keeping the author's flow style in block YAML. A fix that writes a value into a block mapping or
// sequence renders it in block style, except for the parts the author writes in flow style:
// - a value that replaces an existing one keeps the old value's style, part by part (a scope list
//   `[pets:read]` stays a flow list when a scope is added, `- petsAuth: []` items stay as written);
// - a new entry next to siblings written in flow style (`'200': { $ref: … }`) is written in flow style
//   too, when it fits on one line.
// Flow parts are rendered by renderFlowStyled and spliced into the block text through placeholders.
import { isMap, isSeq, isScalar, type Node } from 'yaml';
import { renderFlowStyled } from './render';
import type { SourceStyle } from './source-doc';

const PLACEHOLDER = '__api_exposure_lint_flow_';
/** Longest flow value written for a sibling-style guess; anything longer reads better in block style. */
const MAX_FLOW_WIDTH = 100;

export interface StyledValue {
  /** The value, with flow parts replaced by placeholder strings. */
  value: unknown;
  /** Placeholder → flow text. */
  flows: Map<string, string>;
}

type Template = Node | null | undefined;

function isCollectionValue(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function hasMultilineString(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n');
  if (isCollectionValue(value)) return Object.values(value).some(hasMultilineString);
  return false;
}

/**
 * A flow collection with content. An empty `[]` / `{}` says nothing about the author's style (it is the
 * only way to write an empty collection), so `- key: []` still gets a block list when scopes are added.
 */
function isFlowCollection(node: Template): boolean {
  return (isMap(node) || isSeq(node)) && !!node.flow && node.items.length > 0;
}

/** What a new collection value among `siblings` should look like: the siblings' style when they all agree on flow. */
export function siblingTemplate(siblings: Template[]): Template {
  const collections = siblings.filter((s) => isMap(s) || isSeq(s));
  if (collections.length === 0 || !collections.every(isFlowCollection)) return undefined;
  return collections[collections.length - 1];
}

/**
 * `value` styled after `template` (the node it replaces, or a sibling's when `guess`): flow parts become
 * placeholders. A guess from siblings applies only when the flow text fits on a line.
 */
export function styleLike(value: unknown, template: Template, style: SourceStyle, guess = false): StyledValue {
  const flows = new Map<string, string>();
  const walk = (v: unknown, t: Template): unknown => {
    if (!isCollectionValue(v) || !t || isScalar(t) || ((isMap(t) || isSeq(t)) && t.flow && t.items.length === 0)) return v;
    if (isFlowCollection(t)) {
      if (hasMultilineString(v)) return v;
      const text = renderFlowStyled(v, style);
      if (guess && text.length > MAX_FLOW_WIDTH) return v;
      const key = `${PLACEHOLDER}${flows.size}__`;
      flows.set(key, text);
      return key;
    }
    if (Array.isArray(v)) {
      if (!isSeq(t)) return v;
      const items = t.items as Node[];
      return v.map((item, i) => walk(item, items[i] ?? items[items.length - 1]));
    }
    if (!isMap(t)) return v;
    const templates = new Map(t.items.map((pair) => [String(isScalar(pair.key) ? pair.key.value : pair.key), pair.value as Template]));
    const fallback = siblingTemplate([...templates.values()]);
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, templates.has(k) ? templates.get(k) : fallback)]));
  };
  return { value: walk(value, template), flows };
}

/** Replaces the placeholders of rendered block text with their flow text. */
export function spliceFlows(text: string, flows: Map<string, string>): string {
  let out = text;
  for (const [key, flow] of flows) out = out.replace(key, flow);
  return out;
}
