// Ranges of a few JSON values, found in one scan of the text without building a syntax tree. Spectral's
// position-tracking JSON parser takes seconds on a 13 MB spec; the exposure findings need the ranges of a
// few hundred operations. A range is the value's own, exactly as Spectral reports it: from its first
// character to just after its last, lines split at "\n", characters counted in UTF-16 units.
import type { JsonPath, Range } from '../types';
import { LineIndex } from './line-index';

interface Wanted {
  children: Map<string, Wanted>;
  /** Indexes of the requested paths that end here. */
  ends: number[];
}

const newNode = (): Wanted => ({ children: new Map(), ends: [] });

/** Reads plain JSON text at `pos` without building values (also json-pieces.ts, which cuts a document at its entries). */
export class JsonScanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.pos = i;
  }

  /** Skips a string starting at pos (a quote); returns its raw text without quotes. */
  string(): string {
    const t = this.text;
    const start = this.pos + 1;
    let i = start;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q < 0) throw new SyntaxError('unterminated string');
      let backslashes = 0;
      for (let j = q - 1; j >= start && t.charCodeAt(j) === 92; j--) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = q + 1;
        const raw = t.slice(start, q);
        // Any escape (`\/`, `\u0061`, not only an escaped quote) reads as what it stands for.
        return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      }
      i = q + 1;
    }
  }

  /** Skips any value without looking inside: bracket depth and strings only. */
  skipValue(): void {
    const t = this.text;
    const first = t.charCodeAt(this.pos);
    if (first === 34) {
      this.string();
      return;
    }
    if (first !== 123 && first !== 91) {
      let i = this.pos;
      for (;;) {
        const c = t.charCodeAt(i);
        if (Number.isNaN(c) || c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) break;
        i++;
      }
      this.pos = i;
      return;
    }
    let depth = 0;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (Number.isNaN(c)) throw new SyntaxError('unterminated value');
      if (c === 34) {
        this.pos = i;
        this.string();
        i = this.pos;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          this.pos = i + 1;
          return;
        }
      }
      i++;
    }
  }

  /** Walks the value at pos, descending only into wanted children; records [start, end) of wanted values. */
  value(wanted: Wanted, found: Array<[number, number] | undefined>): void {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (wanted.children.size === 0 || (c !== 123 && c !== 91)) {
      this.skipValue();
    } else if (c === 123) {
      this.pos++;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) === 125) this.pos++;
      else
        for (;;) {
          this.skipSpace();
          const key = this.string();
          this.skipSpace();
          if (this.text.charCodeAt(this.pos) !== 58) throw new SyntaxError('colon expected');
          this.pos++;
          this.skipSpace();
          const child = wanted.children.get(key);
          if (child) this.value(child, found);
          else this.skipValue();
          this.skipSpace();
          const next = this.text.charCodeAt(this.pos++);
          if (next === 125) break;
          if (next !== 44) throw new SyntaxError('comma expected');
        }
    } else {
      this.pos++;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) === 93) this.pos++;
      else
        for (let index = 0; ; index++) {
          this.skipSpace();
          const child = wanted.children.get(String(index));
          if (child) this.value(child, found);
          else this.skipValue();
          this.skipSpace();
          const next = this.text.charCodeAt(this.pos++);
          if (next === 93) break;
          if (next !== 44) throw new SyntaxError('comma expected');
        }
    }
    // The first occurrence wins (a duplicate key's later value is not where Spectral points either).
    for (const i of wanted.ends) found[i] ??= [start, this.pos];
  }
}

/** The [start, end) offsets of the value at each path, or undefined where the path is not in the text (or it is not plain JSON). */
export function jsonValueSpans(text: string, paths: readonly JsonPath[]): Array<[number, number] | undefined> {
  const root = newNode();
  paths.forEach((path, index) => {
    let node = root;
    for (const segment of path) {
      const key = String(segment);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = newNode()));
      node = child;
    }
    node.ends.push(index);
  });
  const found: Array<[number, number] | undefined> = new Array(paths.length);
  try {
    // Spectral's parser sees a byte-order mark as a blank (see createDocument): same offsets here.
    const scanner = new JsonScanner(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
    scanner.skipSpace();
    scanner.value(root, found);
  } catch {
    return paths.map(() => undefined);
  }
  return Array.from(found);
}

/** The range of the value at each path, or undefined where the path is not in the text (or it is not plain JSON). */
export function jsonValueRanges(text: string, paths: JsonPath[], lines = new LineIndex(text)): Array<Range | undefined> {
  return jsonValueSpans(text, paths).map((span) => (span ? lines.range(span[0], span[1]) : undefined));
}
