// A rule function's findings stored relative to the path it was called at, so the findings computed at one
// place can be given for the same input met at another: each finding's path is the call's path plus a tail
// the function added (Spectral's functions build paths as `[...context.path, ...]`).

export type PathSegment = string | number;

export interface FunctionResult {
  message: string;
  path?: PathSegment[];
}

/** One finding: its message and the tail of its path after the call's path (undefined: it had no path). */
export interface RelativeResult {
  message: string;
  rel: PathSegment[] | undefined;
}

/** 'none': the function returned nothing. */
export type RelativeResults = RelativeResult[] | 'none';

/**
 * The findings relative to the call's path, or undefined when they cannot be stored: not an array, a finding with
 * anything but a message and a path, or a path that does not start with the call's path.
 */
export function relativeTo(results: unknown, path: PathSegment[], { pathRequired = false } = {}): RelativeResults | undefined {
  if (results === undefined) return 'none';
  if (!Array.isArray(results)) return undefined;
  const out: RelativeResult[] = [];
  for (const r of results as FunctionResult[]) {
    if (!r || typeof r !== 'object' || typeof r.message !== 'string') return undefined;
    const keys = Object.keys(r).length;
    if (r.path === undefined) {
      if (pathRequired || keys !== 1) return undefined;
      out.push({ message: r.message, rel: undefined });
      continue;
    }
    if (!Array.isArray(r.path) || keys !== 2) return undefined;
    if (r.path.length < path.length || path.some((segment, i) => r.path![i] !== segment)) return undefined;
    out.push({ message: r.message, rel: r.path.slice(path.length) });
  }
  return out;
}

/** Fresh findings for a call at `path` (Spectral's caller gets objects of its own, as from the function). */
export function materialize(results: RelativeResults, path: PathSegment[]): FunctionResult[] | undefined {
  if (results === 'none') return undefined;
  return results.map((r) => (r.rel === undefined ? { message: r.message } : { message: r.message, path: [...path, ...r.rel] }));
}

/** Approximate bytes a stored result set holds, for caches bounded by memory. */
export function weightOf(results: RelativeResults, key: string): number {
  let weight = 96 + key.length * 2;
  if (results !== 'none') for (const r of results) weight += 48 + r.message.length * 2 + (r.rel?.length ?? 0) * 16;
  return weight;
}
