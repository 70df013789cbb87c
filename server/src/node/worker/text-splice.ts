// A big document's next version sent to a lint worker as the one splice that turns the version the worker already
// holds into it, instead of the whole text: posting GitHub's 13 MB spec to a worker cost the language server's
// thread 70–140 ms and the worker as much again to read, twice per keystroke (exposure pass and complete lint).

/** Replace `previous.slice(start, end)` with `insert`. */
export interface TextSplice {
  start: number;
  end: number;
  insert: string;
}

/**
 * Strings compared a slice at a time: V8 compares two slices of flat strings without copying them, ~1 ms for 13 MB
 * where a `charCodeAt` loop takes ~70 ms. A differing slice is halved until it is short enough to walk.
 */
const FIRST_SLICE = 1 << 16;
const WALK_BELOW = 32;

/** The splice with the longest common prefix and suffix that turns `previous` into `next`. */
export function spliceBetween(previous: string, next: string): TextSplice {
  const prefix = commonLength(
    previous,
    next,
    (text, at, length) => text.slice(at, at + length),
    (text, i) => text.charCodeAt(i),
  );
  // The suffix may not overlap the prefix in either string (e.g. "aa" → "aaa").
  const limit = Math.min(previous.length, next.length) - prefix;
  const suffix = commonLength(
    previous,
    next,
    (text, at, length) => text.slice(text.length - at - length, text.length - at),
    (text, i) => text.charCodeAt(text.length - 1 - i),
    limit,
  );
  return { start: prefix, end: previous.length - suffix, insert: next.slice(prefix, next.length - suffix) };
}

export function applySplice(previous: string, splice: TextSplice): string {
  return previous.slice(0, splice.start) + splice.insert + previous.slice(splice.end);
}

/** How many characters `a` and `b` share from one end, as read by `slice` (`at` counts from that end) and `charAt`. */
function commonLength(
  a: string,
  b: string,
  slice: (text: string, at: number, length: number) => string,
  charAt: (text: string, i: number) => number,
  limit = Math.min(a.length, b.length),
): number {
  let i = 0;
  let step = FIRST_SLICE;
  while (i < limit) {
    const length = Math.min(step, limit - i);
    if (slice(a, i, length) === slice(b, i, length)) {
      i += length;
    } else if (length > WALK_BELOW) {
      step = length >> 1;
    } else {
      while (i < limit && charAt(a, i) === charAt(b, i)) i++;
      return i;
    }
  }
  return i;
}
