// A resolved view of parsed data in which local `$ref`s ("#/components/…") read as their targets: what the
// exposure rules read instead of Spectral's resolution of the whole document (which inlines every reference
// with immer and is most of a cold lint's set-up). Same meaning as Spectral's resolver for local references:
// the object holding `$ref` reads as its target (siblings ignored), chains are followed, and a circular or
// unresolvable reference stays as it is.
//
// Built in one walk: an object without a reference anywhere below it is the parsed object itself; only the
// objects on the way to a reference are copied (with the reference replaced). Every reading of one target is
// the same object, as in Spectral's resolved data (rules recognise shared components by identity), and a
// reference inside its own target makes a cycle of copies. Rules then read plain objects: reading through
// proxies (the first version of this view) cost more than the rules themselves.
import createOrderedObject from '@stoplight/ordered-object-literal';

type Json = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%') && !segment.includes('~')) return segment;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // keep it as written
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value a local JSON pointer ("#/a/b") designates in `root`, or undefined. */
function pointerTarget(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    if (!isContainer(node)) return undefined;
    const key = decodeSegment(raw);
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** True when `value` is an object whose `$ref` is a string. */
export function isRef(value: unknown): value is { $ref: string } {
  return isContainer(value) && !Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string';
}

/** Follows a chain of local references; stops (returning the reference itself) at a cycle or a dead end. */
function follow(root: unknown, value: { $ref: string }, targets: Map<string, unknown>): unknown {
  // Called for every reference a rule reads through: the cycle check allocates only for chains.
  let seen: Set<unknown> | undefined;
  let current: unknown = value;
  while (isRef(current)) {
    if (current !== value) {
      seen ??= new Set([value]);
      if (seen.has(current)) return value;
      seen.add(current);
    }
    let target = targets.get(current.$ref);
    if (target === undefined && !targets.has(current.$ref)) targets.set(current.$ref, (target = pointerTarget(root, current.$ref)));
    if (target === undefined) return current;
    if (target === value) return value; // a reference to itself
    current = target;
  }
  return current;
}

/** An empty container of the same kind: an array, or an object that keeps key order like `like` does. */
function emptyLike(like: Json): Json {
  if (Array.isArray(like)) return [];
  // Spectral's YAML parser gives ordered objects (numeric keys such as "404" stay where they were written);
  // they show their order key, a symbol, among their own keys.
  return Reflect.ownKeys(like).some((key) => typeof key === 'symbol') ? createOrderedObject({}) : {};
}

/** What a resolution keeps for the next one over data that is reused (YAML pieces): see resolvedView. */
export interface ResolutionMemory {
  /** Parsed objects holding no reference anywhere below them: they resolve to themselves. */
  unchanged: WeakSet<object>;
  /** The previous resolution's copies, by parsed object. */
  copies: Map<object, unknown>;
}

/**
 * `root` with its local references resolved (see the top of this file). With `memory` (parsed data reused
 * across lints), objects known to hold no reference are skipped, and a copy made by the previous resolution is
 * reused when its parts resolve to the same objects again: unchanged parts of the document keep their copies
 * (no new garbage per keystroke), and a copy is never reused when anything below it changed.
 */
export function resolvedView(root: unknown, memory?: ResolutionMemory): unknown {
  const targets = new Map<string, unknown>();
  const done = new Map<object, unknown>();
  const inProgress = new Set<object>();
  // Objects reached again through a reference while their own walk is still going: the copy to fill.
  const shells = new Map<object, Json>();
  const unchanged = memory?.unchanged;
  const previous = memory?.copies;
  const copies = new Map<object, unknown>();
  const resolve = (value: unknown): unknown => {
    if (!isContainer(value)) return value;
    const target = isRef(value) ? follow(root, value, targets) : value;
    if (!isContainer(target) || unchanged?.has(target)) return target;
    const known = done.get(target);
    if (known !== undefined) return known;
    if (inProgress.has(target)) {
      let shell = shells.get(target);
      if (!shell) shells.set(target, (shell = emptyLike(target)));
      return shell;
    }
    inProgress.add(target);
    let result: Json;
    const before = previous?.get(target) as Record<string | number, unknown> | undefined;
    if (Array.isArray(target)) {
      const items = target.map(resolve);
      const shell = shells.get(target);
      const changed = shell !== undefined || items.some((item, i) => item !== target[i]);
      if (!changed) result = target;
      else if (!shell && before && items.every((item, i) => item === before[i])) result = before as unknown as Json;
      else result = Object.assign(shell ?? [], items);
    } else {
      const record = target as Record<string, unknown>;
      const keys = Object.keys(record);
      const values = keys.map((key) => resolve(record[key]));
      const shell = shells.get(target) as Record<string, unknown> | undefined;
      const changed = shell !== undefined || values.some((item, i) => item !== record[keys[i]]);
      if (!changed) {
        result = target;
      } else if (!shell && before && values.every((item, i) => item === before[keys[i]])) {
        result = before;
      } else {
        const copy = shell ?? (emptyLike(target) as Record<string, unknown>);
        keys.forEach((key, i) => (copy[key] = values[i]));
        result = copy;
      }
    }
    inProgress.delete(target);
    shells.delete(target);
    done.set(target, result);
    if (result === target) unchanged?.add(target);
    else if (memory) copies.set(target, result);
    return result;
  };
  const resolved = resolve(root);
  if (memory) memory.copies = copies; // what resolves to itself is in `unchanged`
  return resolved;
}
