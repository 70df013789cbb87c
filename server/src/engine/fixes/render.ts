// Renders plain values as source text in the three styles a fix can meet:
// YAML block (indented lines), YAML flow (one line) and JSON (pretty-printed or one line).
import { stringify, type Node } from 'yaml';
import type { SourceStyle } from './source-doc';
import { spliceFlows, styleLike } from './flow-style';

const KEY_PLACEHOLDER = '__api_exposure_lint_key__';

/** The node whose style a new value follows: the one it replaces, or (guess) a sibling's. */
export interface StyleTemplate {
  node: Node | null | undefined;
  guess: boolean;
}

/**
 * YAML block lines for `key: value` (or `- value` when key is null), every line starting with `indent`, ending with the EOL.
 * Parts the template writes in flow style are written in flow style (see flow-style.ts).
 */
export function renderBlockEntry(
  key: string | null,
  raw: unknown,
  indent: string,
  style: SourceStyle,
  keySource?: string,
  template?: StyleTemplate,
): string {
  const unit = style.indentUnit.includes('\t') ? 2 : Math.max(1, style.indentUnit.length);
  const { value, flows } = template
    ? styleLike(raw, template.node, style, template.guess)
    : { value: raw, flows: new Map<string, string>() };
  const wrapped = key === null ? [value] : { [keySource !== undefined ? KEY_PLACEHOLDER : key]: value };
  let text = stringify(wrapped, {
    indent: unit,
    indentSeq: style.indentSeq,
    singleQuote: style.singleQuote,
    lineWidth: 0,
    minContentWidth: 0,
    aliasDuplicateObjects: false,
  });
  if (keySource !== undefined) text = text.replace(KEY_PLACEHOLDER, keySource);
  text = spliceFlows(text, flows);
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.map((line) => (line.length ? indent + line : line)).join(style.eol) + style.eol;
}

const PLAIN_SAFE = /^[A-Za-z_/$][A-Za-z0-9_\-./+$]*$/;
const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function renderFlowScalar(value: unknown, json: boolean, singleQuote: boolean): string {
  if (typeof value === 'string') {
    if (!json && PLAIN_SAFE.test(value) && !YAML_RESERVED.test(value)) return value;
    if (!json && singleQuote && !/[\n\\\t]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
    return JSON.stringify(value);
  }
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** One-line flow rendering: `{a: 1, b: [x, y]}` in YAML, `{"a": 1, "b": ["x", "y"]}` in JSON. */
export function renderFlow(value: unknown, json: boolean, singleQuote = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, json, singleQuote)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${renderFlowScalar(k, json, singleQuote)}: ${renderFlow(v, json, singleQuote)}`);
    return `{${entries.join(', ')}}`;
  }
  return renderFlowScalar(value, json, singleQuote);
}

/** `pets:write` needs no quotes as a flow item: a colon followed by a non-space does not start a mapping. */
export function isPlainInFlow(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_\-.]*(:[A-Za-z0-9_\-.]+)+$/.test(value) && !YAML_RESERVED.test(value);
}

/** YAML flow text in the author's spacing: `{ a: 1 }` or `{a: 1}`, `[x, y]` or `[ x, y ]` (see SourceStyle). */
export function renderFlowStyled(value: unknown, style: SourceStyle): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = value.map((v) => (isPlainInFlow(v) ? v : renderFlowStyled(v, style))).join(', ');
    return style.flowSeqPadding ? `[ ${inner} ]` : `[${inner}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = entries
      .map(
        ([k, v]) =>
          `${isPlainInFlow(k) ? k : renderFlowScalar(k, false, style.singleQuote)}: ${isPlainInFlow(v) ? v : renderFlowStyled(v, style)}`,
      )
      .join(', ');
    return style.flowMapPadding ? `{ ${inner} }` : `{${inner}}`;
  }
  return renderFlowScalar(value, false, style.singleQuote);
}

/** A flow key as it must be written in this format. */
export function renderFlowKey(key: string, json: boolean, singleQuote = false): string {
  return renderFlowScalar(key, json, singleQuote);
}

/** Pretty JSON whose continuation lines start with `indent`; one line when the document is minified (empty unit). */
export function renderJson(value: unknown, indent: string, style: SourceStyle, multiline: boolean): string {
  if (!multiline) return renderFlow(value, true);
  return JSON.stringify(value, null, style.indentUnit).replace(/\n/g, style.eol + indent);
}
