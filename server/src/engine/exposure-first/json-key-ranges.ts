// The complete lint shows a finding on the KEY of the object it is about (key-ranges.ts, which walks the syntax
// tree Spectral's parser built). The exposure pass has no such tree for JSON (skipping that parse is its point),
// so the same narrowing is done here on the text, from the value ranges json-locator found: a collection's
// range becomes its key's, a sequence item's its first line, the root's its first key; a scalar keeps its value.
import type { JsonPath, Range } from '../types';
import type { LineIndex } from './line-index';

/** `spans`: the [start, end) offsets of the values at `paths` (json-locator), all found. */
export function narrowJsonRanges(
  text: string,
  paths: readonly JsonPath[],
  spans: ReadonlyArray<readonly [number, number]>,
  lines: LineIndex,
): Range[] {
  return spans.map(([start, end], i) => {
    const path = paths[i];
    const first = text[start];
    if (first !== '{' && first !== '[') return lines.range(start, end); // a scalar: the value is what is wrong
    if (path.length === 0) {
      const key = nextString(text, start + 1, end);
      return key ? lines.range(key.start, key.end) : lines.range(start, end);
    }
    // A sequence item (its index may come as a number or, from a rule's own path, as a string).
    if (typeof path[path.length - 1] === 'number' || isItemStart(text, start)) {
      const newline = text.indexOf('\n', start);
      let stop = newline < 0 || newline > end ? end : newline;
      while (stop > start && /\s/.test(text[stop - 1])) stop--;
      return lines.range(start, stop);
    }
    const key = keyBefore(text, start);
    return key ? lines.range(key.start, key.end) : lines.range(start, end);
  });
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** True when the value at `valueStart` follows `[` or `,`: an array item, not a property's value. */
function isItemStart(text: string, valueStart: number): boolean {
  let i = valueStart - 1;
  while (i >= 0 && isSpace(text[i])) i--;
  return text[i] === '[' || text[i] === ',';
}

/** The quoted key written before a value at `valueStart` (`"key": value`), quotes included. */
function keyBefore(text: string, valueStart: number): { start: number; end: number } | undefined {
  let i = valueStart - 1;
  while (i >= 0 && isSpace(text[i])) i--;
  if (text[i] !== ':') return undefined;
  i--;
  while (i >= 0 && isSpace(text[i])) i--;
  if (text[i] !== '"') return undefined;
  const end = i + 1;
  for (let j = i - 1; j >= 0; j--) {
    if (text[j] !== '"') continue;
    let backslashes = 0;
    for (let k = j - 1; k >= 0 && text[k] === '\\'; k--) backslashes++;
    if (backslashes % 2 === 0) return { start: j, end };
  }
  return undefined;
}

/** The first quoted string at or after `from` (the root object's first key). */
function nextString(text: string, from: number, limit: number): { start: number; end: number } | undefined {
  const open = text.indexOf('"', from);
  if (open < 0 || open >= limit) return undefined;
  for (let j = open + 1; j < limit; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return { start: open, end: j + 1 };
  }
  return undefined;
}

/** An operation's key and body together (`"get": {…}`), as the complete lint gives operations for hover and CodeLens. */
export function jsonKeyAndValueRanges(
  text: string,
  spans: ReadonlyArray<readonly [number, number] | undefined>,
  lines: LineIndex,
): Array<Range | undefined> {
  return spans.map((span) => {
    if (!span) return undefined;
    const key = keyBefore(text, span[0]);
    return lines.range(key ? key.start : span[0], span[1]);
  });
}
