// Applying offset edits, and turning "before → after" text into a small set of edits.
// Fixes are built by applying several edits one after the other (re-parsing in between),
// so the result is expressed as a diff of the two texts: every unchanged line stays untouched.
import type { TextEdit } from '../types';

/** Applies non-overlapping edits (in any order) expressed against `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) throw new Error(`Overlapping edits at offset ${edit.offset}`);
    out += text.slice(cursor, edit.offset) + edit.newText;
    cursor = edit.offset + edit.length;
  }
  return out + text.slice(cursor);
}

/** Splits into lines that keep their terminator, so joining them gives the text back. */
function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

type Hunk = { oldStart: number; oldEnd: number; newStart: number; newEnd: number };

/** Myers O(ND) line diff: cheap when the change is small, whatever the file size. */
function diffLines(a: string[], b: string[]): Hunk[] {
  // Trim the common prefix and suffix first; most fixes touch a few lines.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [{ oldStart: start, oldEnd: endA, newStart: start, newEnd: endB }];

  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[start + x] === b[start + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack to list the matched (unchanged) line pairs.
  const matches: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      matches.push([x, y]);
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    matches.push([x, y]);
  }
  matches.reverse();

  const hunks: Hunk[] = [];
  let ia = 0;
  let ib = 0;
  for (const [ma, mb] of [...matches, [n, m] as [number, number]]) {
    if (ma > ia || mb > ib) hunks.push({ oldStart: start + ia, oldEnd: start + ma, newStart: start + ib, newEnd: start + mb });
    ia = ma + 1;
    ib = mb + 1;
  }
  return hunks;
}

/** The edits that turn `before` into `after`: one per changed run of lines, trimmed to the changed characters. */
export function diffToEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const lineOffsets: number[] = [0];
  for (const line of a) lineOffsets.push(lineOffsets[lineOffsets.length - 1] + line.length);
  const edits: TextEdit[] = [];
  for (const hunk of diffLines(a, b)) {
    let oldText = a.slice(hunk.oldStart, hunk.oldEnd).join('');
    let newText = b.slice(hunk.newStart, hunk.newEnd).join('');
    let offset = lineOffsets[hunk.oldStart];
    // Trim characters the two sides share, so an insertion is a pure insertion.
    let prefix = 0;
    while (prefix < oldText.length && prefix < newText.length && oldText[prefix] === newText[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < oldText.length - prefix &&
      suffix < newText.length - prefix &&
      oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
    )
      suffix++;
    offset += prefix;
    oldText = oldText.slice(prefix, oldText.length - suffix);
    newText = newText.slice(prefix, newText.length - suffix);
    edits.push({ offset, length: oldText.length, newText });
  }
  return edits;
}
