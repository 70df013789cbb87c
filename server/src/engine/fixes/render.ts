// Renders plain values as source text in the three styles a fix can meet:
// YAML block (indented lines), YAML flow (one line) and JSON (pretty-printed or one line).
import { stringify } from 'yaml';
import type { SourceStyle } from './source-doc';

const KEY_PLACEHOLDER = '__api_exposure_lint_key__';

/** YAML block lines for `key: value` (or `- value` when key is null), every line starting with `indent`, ending with the EOL. */
export function renderBlockEntry(key: string | null, value: unknown, indent: string, style: SourceStyle, keySource?: string): string {
  const unit = style.indentUnit.includes('\t') ? 2 : Math.max(1, style.indentUnit.length);
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

/** A flow key as it must be written in this format. */
export function renderFlowKey(key: string, json: boolean, singleQuote = false): string {
  return renderFlowScalar(key, json, singleQuote);
}

/** Pretty JSON whose continuation lines start with `indent`; one line when the document is minified (empty unit). */
export function renderJson(value: unknown, indent: string, style: SourceStyle, multiline: boolean): string {
  if (!multiline) return renderFlow(value, true);
  return JSON.stringify(value, null, style.indentUnit).replace(/\n/g, style.eol + indent);
}
