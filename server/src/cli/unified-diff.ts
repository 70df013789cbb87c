// A unified diff of two texts (the format of `diff -u` and `git diff`), for --fix-dry-run.
// Lines are compared with their line terminator, so a changed line ending or a missing final
// newline shows up as a change, and "\ No newline at end of file" is printed like diff does.

interface DiffLine {
  kind: ' ' | '-' | '+';
  /** The line including its "\n" when it has one ("\r" stays part of the content, as in diff). */
  text: string;
}

export interface UnifiedDiffOptions {
  oldName: string;
  newName: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Myers' O((N+M)·D) shortest edit script between two line arrays. */
function myers(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  // Walk back through the saved rounds from (n, m) to (0, 0).
  const script: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const before = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && before[offset + k - 1] < before[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = before[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      script.push({ kind: ' ', text: a[x] });
    }
    if (d > 0) {
      if (x === prevX) script.push({ kind: '+', text: b[prevY] });
      else script.push({ kind: '-', text: a[prevX] });
    }
    x = prevX;
    y = prevY;
  }
  return script.reverse();
}

/** The edit script, with the common head and tail taken out first (fixes change little of a file). */
export function diffLines(a: string[], b: string[]): DiffLine[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA--;
    tailB--;
  }
  const same = (text: string): DiffLine => ({ kind: ' ', text });
  return [...a.slice(0, head).map(same), ...myers(a.slice(head, tailA), b.slice(head, tailB)), ...a.slice(tailA).map(same)];
}

function range(start: number, count: number): string {
  // diff's convention: an empty range names the line before it; a count of 1 is left out.
  const first = count === 0 ? start - 1 : start;
  return count === 1 ? String(first) : `${first},${count}`;
}

function renderLine(line: DiffLine): string {
  if (line.text.endsWith('\n')) return line.kind + line.text;
  return `${line.kind}${line.text}\n\\ No newline at end of file\n`;
}

/** The unified diff from oldText to newText; '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions): string {
  if (oldText === newText) return '';
  const context = options.context ?? 3;
  const script = diffLines(splitLines(oldText), splitLines(newText));
  const changed = script.flatMap((line, i) => (line.kind === ' ' ? [] : [i]));

  // Group changes whose context would touch or overlap into one hunk.
  const hunks: { from: number; to: number }[] = [];
  for (const i of changed) {
    const last = hunks[hunks.length - 1];
    if (last && i - last.to <= 2 * context + 1) last.to = i;
    else hunks.push({ from: i, to: i });
  }

  let out = `--- ${options.oldName}\n+++ ${options.newName}\n`;
  // Line numbers (1-based) of the next old and new line at each script index.
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const line of script) {
    oldLineAt.push(oldLine);
    newLineAt.push(newLine);
    if (line.kind !== '+') oldLine++;
    if (line.kind !== '-') newLine++;
  }
  for (const hunk of hunks) {
    const from = Math.max(0, hunk.from - context);
    const to = Math.min(script.length - 1, hunk.to + context);
    const lines = script.slice(from, to + 1);
    const oldCount = lines.filter((l) => l.kind !== '+').length;
    const newCount = lines.filter((l) => l.kind !== '-').length;
    out += `@@ -${range(oldLineAt[from], oldCount)} +${range(newLineAt[from], newCount)} @@\n`;
    out += lines.map(renderLine).join('');
  }
  return out;
}
