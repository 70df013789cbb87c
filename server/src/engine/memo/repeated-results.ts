// Spectral lints the resolved document: each local $ref is replaced by the object it points to, one object shared by
// every place that uses it, and a rule matching below a shared object runs at each of those places (walk/memo-nimma.ts
// replays its matches there). Every result is then mapped back to where it is written (DocumentInventory's
// findAssociatedItemForPath) and only then dropped as a repeat (firstOfItsKind, scripts/build.mjs). On bungie.net's
// 1.1 MB spec, typed-enum reports 664,521 results in ~64,000 calls for 2,444 findings: mapping them took ~5 s of a
// 7.6 s lint.
//
// The build's patch of Spectral's processTargetResults asks repeatedResults, once per call, for a test that skips a
// result before it is mapped when an equal one was already handled: same run, same rule, same object the rule was
// called on, same place below that object and same message, the call's own place mapping where the earlier one's did.
// Spectral would map it where it mapped that one, and firstOfItsKind would drop it.
//
// Why it would map alike. Spectral maps a path P = A + S (A the call's path, to the object T; S the result's place
// below T) by following P through the $refs as written (their refMap, keyed by pointer), then decoding the pointer it
// built back into a path; a path that meets no $ref is looked up as it is. When every $ref Spectral followed is local,
// written as the very pointer Spectral builds for its target, and without sibling keys (where the resolved tree has
// the target's key, the written document would have the sibling), the pointer built for P is that of P's written
// place, whatever A: the decoding is the same for every A that meets a $ref. Decoding gives back every segment but
// those the pointer percent-encodes (`+`, `{`, spaces, non-ASCII letters: encodePointerUriFragment encodes, and the
// decoding does not undo it), where the mapping stops, short of the written place that a path meeting no $ref finds.
// So with S existing below T and made only of keys that round trip gives back, A1 + S and A2 + S map alike when A1 and
// A2 do: both to T's written place plus S, or both where the same pointer's decoding stops. One mapping of A per call
// (not one per result) tells.
import { decodePointerFragment, encodePointerUriFragment, pathToPointer, pointerToPath } from '@stoplight/json';
import type { PathSegment } from './relative-results';

interface MappedItem {
  document: { source?: string | null };
  path: PathSegment[];
  missingPropertyPath?: PathSegment[];
}

/** What the patch sees of Spectral's DocumentInventory. */
interface Inventory {
  document: { source?: string | null };
  unresolved: unknown;
  graph: { getNodeData(source: string): { refMap?: Record<string, string> } } | null;
  findAssociatedItemForPath(path: PathSegment[], resolved: boolean): MappedItem | null;
}

interface RunContext {
  documentInventory: Inventory;
}

interface Result {
  message?: unknown;
  path?: PathSegment[];
}

type Decode = (segment: PathSegment) => PathSegment;

/** Results handled below one object T, by their place below it and message. */
type HandledBelow = Map<string, { firstCallPath: PathSegment[]; mappedTo?: Set<string> }>;

const handledByRun = new WeakMap<object, Map<object, WeakMap<object, HandledBelow>>>();
const followsAsWritten = new WeakMap<object, boolean>();
const stats = { skipped: 0 };

/** Results skipped as repeats, since the process started (tests, benchmark). */
export function repeatedResultStats(): Readonly<typeof stats> {
  return { ...stats };
}

/** Keys by whether Spectral's pointer round trip (its encoding for refMap keys, its decoding back) gives them back. */
const roundTrips = new Map<string, boolean>();
const MAX_REMEMBERED_KEYS = 10_000;

function comesBackAsIs(segment: string): boolean {
  let asIs = roundTrips.get(segment);
  if (asIs === undefined) {
    asIs = decodePointerFragment(String(encodePointerUriFragment(segment))) === segment;
    if (roundTrips.size >= MAX_REMEMBERED_KEYS) roundTrips.clear();
    roundTrips.set(segment, asIs);
  }
  return asIs;
}

/**
 * For one call of a rule's function on `target` at `targetPath`: a test telling a result that repeats one already
 * handled (skip it); undefined when none can (a target that is not an object, a rule on the unresolved document).
 */
export function repeatedResults(
  context: RunContext,
  rule: { resolved?: boolean },
  target: unknown,
  targetPath: PathSegment[],
  decode: Decode,
): ((result: Result) => boolean) | undefined {
  // Spectral maps a result of a rule whose `resolved` is not true on the unresolved document: no sharing there.
  if (rule.resolved !== true || typeof target !== 'object' || target === null) return undefined;
  let byRule = handledByRun.get(context);
  if (byRule === undefined) handledByRun.set(context, (byRule = new Map()));
  let byTarget = byRule.get(rule);
  if (byTarget === undefined) byRule.set(rule, (byTarget = new WeakMap()));
  let handled = byTarget.get(target);
  if (handled === undefined) byTarget.set(target, (handled = new Map()));
  const below = handled;
  const inventory = context.documentInventory;
  let mapped: string | null | undefined; // this call's place, mapped once when needed

  return (result) => {
    if (typeof result.message !== 'string') return false;
    const place = placeBelow(target, targetPath, result.path ?? targetPath, decode);
    if (place === undefined) return false;
    const key = `${place}\n${result.message}`;
    const entry = below.get(key);
    if (entry === undefined) {
      below.set(key, { firstCallPath: targetPath });
      return false;
    }
    if (!refsFollowedAsWritten(inventory)) return false;
    if (mapped === undefined) mapped = mappedPlace(inventory, targetPath, decode);
    if (entry.mappedTo === undefined) {
      const first = mappedPlace(inventory, entry.firstCallPath, decode);
      entry.mappedTo = new Set(first === null ? [] : [first]);
    }
    if (mapped === null) return false;
    if (entry.mappedTo.has(mapped)) {
      stats.skipped++;
      return true;
    }
    entry.mappedTo.add(mapped);
    return false;
  };
}

/** The result's place below the target, as a key; undefined when it is not below it, not there, or a key does not come back as is. */
function placeBelow(target: object, targetPath: PathSegment[], path: PathSegment[], decode: Decode): string | undefined {
  if (path.length < targetPath.length) return undefined;
  for (let i = 0; i < targetPath.length; i++) if (path[i] !== targetPath[i]) return undefined;
  let value: unknown = target;
  for (let i = targetPath.length; i < path.length; i++) {
    const segment = decode(path[i]);
    if (typeof segment === 'string' && !comesBackAsIs(segment)) return undefined;
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return JSON.stringify(path.slice(targetPath.length));
}

/** Where Spectral maps a call's path (its written document, path and missing path), as a key; null: it maps nowhere. */
function mappedPlace(inventory: Inventory, path: PathSegment[], decode: Decode): string | null {
  const item = inventory.findAssociatedItemForPath(path.map(decode), true);
  return item === null ? null : JSON.stringify([item.document.source ?? null, item.path, item.missingPropertyPath ?? null]);
}

/** True when every $ref Spectral followed is local, written as the pointer Spectral builds for it, and alone in its object. */
function refsFollowedAsWritten(inventory: Inventory): boolean {
  let known = followsAsWritten.get(inventory);
  if (known === undefined) {
    known = checkRefs(inventory);
    followsAsWritten.set(inventory, known);
  }
  return known;
}

function checkRefs(inventory: Inventory): boolean {
  const source = inventory.document.source;
  if (typeof source !== 'string' || inventory.graph === null) return false;
  let refMap: Record<string, string> | undefined;
  try {
    refMap = inventory.graph.getNodeData(source).refMap;
  } catch {
    return false;
  }
  if (refMap === undefined) return false;
  for (const [at, ref] of Object.entries(refMap)) {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return false;
    try {
      if (pathToPointer(pointerToPath(ref)) !== ref) return false;
      let holder: unknown = inventory.unresolved;
      for (const segment of pointerToPath(at)) {
        if (typeof holder !== 'object' || holder === null || !Object.prototype.hasOwnProperty.call(holder, segment)) return false;
        holder = (holder as Record<string, unknown>)[segment];
      }
      if (typeof holder !== 'object' || holder === null || Object.keys(holder).length !== 1) return false;
    } catch {
      return false; // a pointer @stoplight/json cannot read
    }
  }
  return true;
}
