// Spectral's `nimma/legacy` import, replaced at bundle time (scripts/build.mjs) by this module: nimma's own
// compiler and runtime (its modern build: native private fields instead of Babel's WeakMap helpers), with a
// Scope whose whole-tree walk replays the matches below shared objects (memoized-scope.ts) when the
// generated code allows it (walk-plan.ts). Results are unchanged: test/unit/memoized-walk.test.mjs runs
// every built-in ruleset both ways on real specs and compares the callbacks' calls one by one.
import Nimma, { type NimmaOptions } from 'nimma';
import * as runtime from 'nimma/runtime';
import { WalkMemo, type NimmaScope } from './memoized-scope';
import { walkPlanFor, type WalkPlan } from './walk-plan';

type ScopeClass = new (root: unknown, callbacks: unknown) => NimmaScope;

let memoize = true;

/**
 * Off: nimma's own walk, to compare with (the Node host turns it off for API_EXPOSURE_LINT_PLAIN_WALK=1, for
 * benchmarks and bug reports). Walks compiled before the call keep their mode.
 */
export function useMemoizedWalk(on: boolean): void {
  memoize = on;
}

function memoizedScopeClass(plan: WalkPlan): ScopeClass {
  const Base = runtime.Scope as ScopeClass;
  return class MemoizedScope extends Base {
    private memo: WalkMemo | undefined;

    override traverse(fn: () => void, zones: unknown): void {
      const root = this.root;
      if (zones !== null || typeof root !== 'object' || root === null) return super.traverse(fn, zones);
      this.memo = new WalkMemo(plan, this);
      try {
        this.memo.walk(root, fn);
      } finally {
        this.memo = undefined;
      }
    }

    // nimma's emit, with the output also handed to the memo while it walks.
    override emit(id: string, pos: number, withKeys: boolean): void {
      if (!this.memo) return super.emit(id, pos, withKeys);
      const fn = this.callbacks[id];
      if (pos !== 0 && pos > this.depth + 1) return;
      const path = pos === 0 ? this.path : this.path.slice(0, Math.max(0, this.path.length - pos));
      let value: unknown;
      if (withKeys) value = path.length === 0 ? undefined : path[path.length - 1];
      else if (pos === 0) value = this.value;
      else {
        const { sandbox } = this as unknown as SandboxHolder;
        value = (sandbox.at(-pos - 1) ?? sandbox.at(0))!.value;
      }
      this.memo.emitted(id, path, value, withKeys);
      fn({ path, value });
    }
  };
}

interface SandboxHolder {
  sandbox: { at(pos: number): { value: unknown } | null };
}

const IMPORTS = /import\s*({[^}]+})\s*from\s*['"][^'"]+['"];?/;

export default class MemoizedNimma extends Nimma {
  private compiled: ((input: unknown, callbacks: unknown) => void) | undefined;
  private readonly plan: WalkPlan | undefined;

  constructor(
    expressions: string[],
    private readonly options: NimmaOptions = {},
  ) {
    super(expressions, options);
    this.plan = memoize ? walkPlanFor(this.sourceCode) : undefined;
  }

  override query(input: Parameters<Nimma['query']>[0], callbacks: Parameters<Nimma['query']>[1]): void {
    if (!this.plan) return super.query(input, callbacks);
    this.compiled ??= this.compile(this.plan);
    this.compiled(input, callbacks);
  }

  /** As nimma's query compiles its source, with the memoizing Scope among the runtime's exports. */
  private compile(plan: WalkPlan): (input: unknown, callbacks: unknown) => void {
    const globals = '__nimma_globals__';
    const code = this.sourceCode
      .replace('export default function', 'return function')
      .replace(IMPORTS, `const $1 = ${globals};`)
      .replace(new RegExp(IMPORTS.source, 'g'), '');
    const fallback = this.options?.fallback as { runtimeDeps: Map<string, unknown> } | null | undefined;
    const deps = fallback ? fallback.runtimeDeps : new Map<string, unknown>();
    const factory = Function(globals, ...deps.keys(), code) as (...args: unknown[]) => (input: unknown, callbacks: unknown) => void;
    return factory({ ...runtime, Scope: memoizedScopeClass(plan) }, ...deps.values());
  }
}
