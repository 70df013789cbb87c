// Which parts of nimma's generated tree-walk code look at the path above a node, read from the code itself.
//
// Spectral inlines local $refs, so one shared object (a schema used by 200 operations) is walked once for
// every place it is used: Stripe's 2.5 MB spec is 2.5 M nodes for 32 k distinct objects. For the nodes
// below such an object, nimma's per-node checks of most rulesets depend only on the node itself (its key,
// its value), on a few segments just above it, on fixed depths near the root, and on whether some keys
// occur anywhere above (`$..content..`). When the code reads nothing else, the matches below an object
// are the same wherever it is met with the same such "context", and can be replayed instead of walked
// again (memoized-scope.ts). This file finds that context, or says the walk cannot be memoized (undefined),
// by whitelisting every way the generated code reads the scope. Anything it does not recognise turns
// the memoization off for that walk: the walk is then nimma's own, exactly as before.

export interface WalkPlan {
  /**
   * A subtree is memoized only when the path to its root has at least this many segments: every fixed
   * depth, absolute path index and absolute ancestor the code reads is then above the subtree, where the
   * context key pins it.
   */
  minEntryLength: number;
  /** Absolute path indices the per-node checks read (`scope.path[1]`), with what they are compared with. */
  absoluteSegments: Map<number, Comparisons>;
  /** Absolute ancestors whose values the checks read (`scope.sandbox.at(3)`). */
  absoluteValues: number[];
  /** How many path segments just above a node the checks read (`scope.path[scope.depth - 3]`): 3. */
  segmentWindow: number;
  segmentWindowComparisons: Comparisons;
  /** How far up the checks read values (`scope.sandbox.at(-2)` is the parent's): 2. */
  valueWindow: number;
  /** Keys searched for anywhere in the path (`scope.path.indexOf("content", pos)`). */
  searchedKeys: string[];
}

/**
 * How a path segment is used: only compared with these strings (`!==` / `===`, maybe through `String()`),
 * so a segment equal to none of them can stand for any other; or `'any'` when it is read otherwise.
 */
export type Comparisons = Set<string> | 'any';

/** The per-node function: `scope.traverse(() => { tree["…"](scope); … }, null)`, with only tree calls in it. */
function traversedFunctionKeys(source: string): string[] | undefined {
  const traversals = source.split('scope.traverse(() => {');
  if (traversals.length !== 2) return undefined;
  const end = traversals[1].indexOf('}, null);');
  if (end < 0) return undefined;
  const keys: string[] = [];
  for (const line of traversals[1].slice(0, end).split('\n')) {
    const statement = line.trim();
    if (statement === '') continue;
    const call = /^tree\[("(?:[^"\\]|\\.)*")\]\(scope\);$/.exec(statement);
    if (!call) return undefined;
    keys.push(JSON.parse(call[1]) as string);
  }
  return keys;
}

/** The body of `tree["key"]`: from its header to the closing brace at the same indentation. */
function functionBody(source: string, key: string): string | undefined {
  const header = `  ${JSON.stringify(key)}: function (scope) {\n`;
  const start = source.indexOf(header);
  if (start < 0) return undefined;
  const end = source.indexOf('\n  }', start + header.length);
  return end < 0 ? undefined : source.slice(start + header.length, end);
}

/** `scope.path[…]` read and, right after, compared with a string literal. */
const COMPARED = /^\)? (?:!==|===) ("(?:[^"\\]|\\.)*")/;

function compared(comparisons: Comparisons, rest: string): Comparisons {
  const literal = COMPARED.exec(rest);
  if (comparisons === 'any' || !literal) return 'any';
  comparisons.add(JSON.parse(literal[1]) as string);
  return comparisons;
}

/** Every recognised way of reading the scope; a `scope.` use that matches none of them disables the plan. */
const READS: Array<{ pattern: RegExp; apply?: (plan: WalkPlan, match: RegExpExecArray, after: string) => void }> = [
  { pattern: /^scope\.(sandbox\.value|sandbox\.property|property|value)\b(?!\s*=[^=])/ },
  {
    pattern: /^scope\.path\[scope\.depth - (\d+)\]/,
    apply: (plan, m, after) => {
      plan.segmentWindow = Math.max(plan.segmentWindow, Number(m[1]));
      plan.segmentWindowComparisons = compared(plan.segmentWindowComparisons, after);
      needEntry(plan, Number(m[1]));
    },
  },
  {
    pattern: /^scope\.path\[(\d+)\]/,
    apply: (plan, m, after) => {
      const index = Number(m[1]);
      plan.absoluteSegments.set(index, compared(plan.absoluteSegments.get(index) ?? new Set(), after));
      needEntry(plan, index + 1);
    },
  },
  { pattern: /^scope\.path\.indexOf\(("(?:[^"\\]|\\.)*"), pos\)/, apply: (plan, m) => void plan.searchedKeys.push(JSON.parse(m[1])) },
  {
    pattern: /^scope\.sandbox\.at\(-(\d+)\)/,
    apply: (plan, m) => {
      plan.valueWindow = Math.max(plan.valueWindow, Number(m[1]));
      needEntry(plan, Number(m[1]));
    },
  },
  {
    pattern: /^scope\.sandbox\.at\((\d+)\)/,
    apply: (plan, m) => {
      if (!plan.absoluteValues.includes(Number(m[1]))) plan.absoluteValues.push(Number(m[1]));
      needEntry(plan, Number(m[1]) + 1);
    },
  },
  // Depth against a literal: constant below the minimum entry length.
  { pattern: /^scope\.depth (?:<|<=|>|>=|===|!==) (\d+)\b(?! *[-+*/])/, apply: (plan, m) => needEntry(plan, Number(m[1]) + 1) },
  // Depth against a position found by path.indexOf: decided by where the key is, which the context says.
  { pattern: /^scope\.depth (?:<|!==) pos(?: \+ 1)?\b/ },
  { pattern: /^scope\.depth, pos === -1\)/ },
  // An output `pos` levels up: above the subtree, its path and value are those of the place it is met.
  { pattern: /^scope\.emit\("(?:[^"\\]|\\.)*", (\d+), (?:true|false)\)/, apply: (plan, m) => needEntry(plan, Number(m[1])) },
];

function needEntry(plan: WalkPlan, length: number): void {
  plan.minEntryLength = Math.max(plan.minEntryLength, length);
}

/** The plan for nimma's generated source, or undefined when some check reads more than the plan can pin. */
export function walkPlanFor(source: string, whyNot?: (reason: string) => void): WalkPlan | undefined {
  const keys = traversedFunctionKeys(source);
  if (!keys) {
    whyNot?.('no single whole-tree walk made of tree calls');
    return undefined;
  }
  const plan: WalkPlan = {
    minEntryLength: 1,
    absoluteSegments: new Map(),
    absoluteValues: [],
    segmentWindow: 0,
    segmentWindowComparisons: new Set(),
    valueWindow: 0,
    searchedKeys: [],
  };
  for (const key of keys) {
    const body = functionBody(source, key);
    if (body === undefined) {
      whyNot?.(`no body for ${key}`);
      return undefined;
    }
    // A check of one fixed depth never fires below that depth.
    const fixed = /^\s*if \(scope\.depth !== (\d+)\) return;\n/.exec(body);
    if (fixed) {
      needEntry(plan, Number(fixed[1]) + 1);
      continue;
    }
    let at = body.indexOf('scope');
    while (at >= 0) {
      const rest = body.slice(at);
      const read = READS.find((r) => r.pattern.test(rest));
      if (!read) {
        whyNot?.(`${key} reads ${rest.slice(0, 60)}`);
        return undefined;
      }
      const match = read.pattern.exec(rest)!;
      read.apply?.(plan, match, rest.slice(match[0].length));
      at = body.indexOf('scope', at + match[0].length);
    }
  }
  plan.searchedKeys = [...new Set(plan.searchedKeys)];
  return plan;
}
