// @stoplight/json's `startsWith(path, stem)` for two path arrays, as Spectral's $ref resolver calls it for every
// place a shared target is used and every stem of that target (~190 ms of Stripe's lint): the same answer, without
// its `for...in` over the stem and its two `parseInt`s per segment when the segments are the same string. Its
// rule is kept: two segments match when equal, or when both parse as the same integer ('01' and '1', '2a' and '2').
// The build (scripts/build.mjs, json-ref-resolver-stems-once) calls it from the resolver when both are arrays;
// the resolver's paths are dense arrays of strings (pointerToPath), where `for...in` visits every index in order.

export function pathStartsWith(path: readonly unknown[], stem: readonly unknown[]): boolean {
  if (stem.length > path.length) return false;
  for (let i = 0; i < stem.length; i++) {
    const segment = path[i];
    const stemSegment = stem[i];
    if (segment === stemSegment) continue;
    const a = parseInt(segment as string);
    const b = parseInt(stemSegment as string);
    if (Number.isNaN(a) && Number.isNaN(b)) return false;
    if (a !== b) return false;
  }
  return true;
}
