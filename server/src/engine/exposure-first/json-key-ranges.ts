// The complete lint shows a finding on the KEY of the object it is about (key-ranges.ts, which walks the syntax
// tree Spectral's parser built). The exposure pass has no such tree for JSON (skipping that parse is its point),
// so the same narrowing is done here on the text, from the value ranges json-locator found: a collection's
// range becomes its key's, a sequence item's its first line, the root's its first key; a scalar keeps its value.
import type { JsonPath, Position, Range } from '../types';

export function narrowJsonRanges(text: string, paths: readonly JsonPath[], ranges: readonly Range[]): Range[] {
  const starts = lineStarts(text);
  const offsetOf = (p: Position) => starts[p.line] + p.character;
  const positionAt = (offset: number): Position => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  };
  const toRange = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(end) });
  return ranges.map((range, i) => {
    const path = paths[i];
    const start = offsetOf(range.start);
    const end = offsetOf(range.end);
    const first = text[start];
    if (first !== '{' && first !== '[') return range; // a scalar: the value is what is wrong
    if (path.length === 0) {
      const key = nextString(text, start + 1, end);
      return key ? toRange(key.start, key.end) : range;
    }
    // A sequence item (its index may come as a number or, from a rule's own path, as a string).
    if (typeof path[path.length - 1] === 'number' || isItemStart(text, start)) {
      const newline = text.indexOf('\n', start);
      let stop = newline < 0 || newline > end ? end : newline;
      while (stop > start && /\s/.test(text[stop - 1])) stop--;
      return toRange(start, stop);
    }
    const key = keyBefore(text, start);
    return key ? toRange(key.start, key.end) : range;
  });
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
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
export function jsonKeyAndValueRanges(text: string, ranges: ReadonlyArray<Range | undefined>): Array<Range | undefined> {
  const starts = lineStarts(text);
  return ranges.map((range) => {
    if (!range) return range;
    const key = keyBefore(text, starts[range.start.line] + range.start.character);
    if (!key) return range;
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= key.start) line++;
    return { start: { line, character: key.start - starts[line] }, end: range.end };
  });
}
