// nimma's walk of the whole tree, with the matches below a shared object recorded the first time it is met
// in a given context (walk-plan.ts) and replayed the next times: the same callbacks, with the same paths and
// values, in the same order, as nimma's own walk, without visiting the subtree's nodes again.
import type { Comparisons, WalkPlan } from './walk-plan';

type Segment = string | number;
type Callback = (output: { path: Segment[]; value: unknown }) => void;

/** What nimma's runtime Scope offers that the walk uses (nimma/runtime ships no types). */
export interface NimmaScope {
  root: unknown;
  path: Segment[];
  callbacks: Record<string, Callback>;
  readonly depth: number;
  readonly value: unknown;
  enter(key: Segment): number;
  exit(depth: number): number;
  traverse(fn: () => void, zones: unknown): void;
  emit(id: string, pos: number, withKeys: boolean): void;
}

/**
 * A callback met while walking the subtree. Its output path is the root's with `up` segments dropped (an output
 * at or above the root: a parent or key output) or with `rel` added. Relative, because the same subtree in the
 * same context may be met at another depth.
 */
interface Emitted {
  id: string;
  up: number;
  rel: Segment[];
  /** The output's value when it lies strictly below the root (the same object wherever the root is met). */
  value: unknown;
  withKeys: boolean;
}

/** A memoized subtree met below this one: replayed at `rel` below the root. */
interface Nested {
  recording: Recording;
  rel: Segment[];
}

interface Recording {
  rootLength: number;
  entries: Array<Emitted | Nested>;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A segment as the checks can tell it apart: itself, or one mark for every segment equal to none of the strings it is compared with. */
function segmentKey(segment: Segment, comparisons: Comparisons): string {
  if (comparisons !== 'any' && !comparisons.has(String(segment))) return '\u0001';
  return typeof segment + String(segment);
}

/** One walk's memo: recordings by subtree object and context, dropped with the walk. */
export class WalkMemo {
  private readonly recordings = new WeakMap<object, Map<string, Recording>>();
  private readonly ids = new WeakMap<object, number>();
  private readonly seen = new WeakSet<object>();
  private nextId = 1;
  /** Values along the current path: values[i] is the value at path length i (values[0] is the root). */
  private readonly values: unknown[] = [];
  private readonly active: Recording[] = [];

  constructor(
    private readonly plan: WalkPlan,
    private readonly scope: NimmaScope,
  ) {}

  /** nimma's `_traverse(root, scope, cb, null)`, memoized. */
  walk(root: object, fn: () => void): void {
    this.values.length = 0;
    this.values.push(root);
    this.children(root, fn);
  }

  /** Called instead of nimma's emit while walking: records the output for the innermost recording. */
  emitted(id: string, path: Segment[], value: unknown, withKeys: boolean): void {
    const recording = this.active[this.active.length - 1];
    if (!recording) return;
    const below = path.length > recording.rootLength;
    recording.entries.push({
      id,
      up: Math.max(0, recording.rootLength - path.length),
      rel: below ? path.slice(recording.rootLength) : [],
      value: below ? value : undefined,
      withKeys,
    });
  }

  private children(object: object, fn: () => void): void {
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) this.body(i, object as unknown as Record<Segment, unknown>, fn);
    } else {
      for (const key of Object.keys(object)) this.body(key, object as Record<string, unknown>, fn);
    }
  }

  private body(key: Segment, parent: Record<Segment, unknown>, fn: () => void): void {
    const value = parent[key as never];
    const pos = this.scope.enter(key);
    this.values.push(value);
    fn();
    if (isObject(value)) this.subtree(value, fn);
    this.values.pop();
    this.scope.exit(pos);
  }

  private subtree(value: object, fn: () => void): void {
    const path = this.scope.path;
    if (path.length < this.plan.minEntryLength) return this.children(value, fn);
    // Most objects are met once: only an object met before (a shared one) pays for its context key.
    if (!this.seen.has(value)) {
      this.seen.add(value);
      return this.children(value, fn);
    }
    const context = this.contextKey();
    let byContext = this.recordings.get(value);
    const known = byContext?.get(context);
    const parent = this.active[this.active.length - 1];
    if (known) {
      parent?.entries.push({ recording: known, rel: path.slice(parent.rootLength) });
      this.replay(known, path);
      return;
    }
    const recording: Recording = { rootLength: path.length, entries: [] };
    this.active.push(recording);
    try {
      this.children(value, fn);
    } finally {
      this.active.pop();
    }
    if (!byContext) this.recordings.set(value, (byContext = new Map()));
    byContext.set(context, recording);
    parent?.entries.push({ recording, rel: path.slice(parent.rootLength) });
  }

  /** Everything above the subtree that the walk's checks read (walk-plan.ts), as one string. */
  private contextKey(): string {
    const { path } = this.scope;
    const { plan } = this;
    const parts: string[] = [];
    for (const [index, comparisons] of plan.absoluteSegments) parts.push(segmentKey(path[index], comparisons));
    for (const index of plan.absoluteValues) parts.push(this.idOf(this.values[index]));
    for (let i = Math.max(0, path.length - plan.segmentWindow); i < path.length; i++)
      parts.push(segmentKey(path[i], plan.segmentWindowComparisons));
    // sandbox.at(-k) below the root reaches k - 2 ancestors above it (the root itself is the memo's key).
    for (let length = Math.max(0, path.length - plan.valueWindow + 2); length < path.length; length++)
      parts.push(this.idOf(this.values[length]));
    if (plan.searchedKeys.length) {
      for (const segment of path) if (typeof segment === 'string' && plan.searchedKeys.includes(segment)) parts.push(segment);
    }
    return parts.join('\u0000');
  }

  private idOf(value: unknown): string {
    if (!isObject(value)) return typeof value + String(value);
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.nextId++));
    return `#${id}`;
  }

  /** Calls the recorded callbacks for the subtree now met at `rootPath`. */
  private replay(recording: Recording, rootPath: Segment[]): void {
    const callbacks = this.scope.callbacks;
    for (const entry of recording.entries) {
      if ('recording' in entry) {
        this.replay(entry.recording, rootPath.concat(entry.rel));
        continue;
      }
      const path = entry.up > 0 ? rootPath.slice(0, rootPath.length - entry.up) : rootPath.concat(entry.rel);
      let value = entry.value;
      if (entry.rel.length === 0) {
        // The output is the root or above it: its value is that of the place it is met now.
        value = entry.withKeys ? (path.length === 0 ? undefined : path[path.length - 1]) : this.valueAt(rootPath, path.length);
      }
      callbacks[entry.id]({ path, value });
    }
  }

  /** The value at a path length along `rootPath` (which extends the walk's current path). */
  private valueAt(rootPath: Segment[], length: number): unknown {
    const current = this.scope.path.length;
    if (length <= current) return this.values[length];
    let value: unknown = this.values[current];
    for (let i = current; i < length; i++) value = (value as Record<Segment, unknown>)[rootPath[i] as never];
    return value;
  }
}
