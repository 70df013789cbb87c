// The memoized tree walk (server/src/engine/walk/) must call Spectral's callbacks exactly as nimma's own walk
// does: the same callback, path and value, in the same order. Compared here call for call with the nimma
// build Spectral imports (nimma/legacy), on the built-in rulesets' JSONPath expressions plus awkward ones,
// over real specs (refs inlined with shared objects, as Spectral's resolver does) and random trees full of
// shared subtrees met under the keys the expressions look for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { parse } from 'yaml';
import { repoRoot } from './helpers/engine.mjs';
import { prng } from '../bench/generate-spec.mjs';
import { scratchDir } from '../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const LegacyNimma = require('nimma/legacy').default;
const { jsonPathPlus } = require('nimma/fallbacks');

/** The walk's modules, bundled from source as the build does (they are not part of any public bundle). */
function loadWalk() {
  const outfile = path.join(scratchDir('ael-walk-'), 'walk.cjs');
  buildSync({
    stdin: {
      contents: `export { default as MemoizedNimma, useMemoizedWalk } from './server/src/engine/walk/memo-nimma';
                 export { walkPlanFor } from './server/src/engine/walk/walk-plan';`,
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
  });
  return require(outfile);
}
const { MemoizedNimma, walkPlanFor } = loadWalk();

/** The given paths of Spectral's built-in rulesets (every rule, OpenAPI 2 and 3), split as the runner splits them. */
function rulesetGivens() {
  const { Ruleset } = require('@stoplight/spectral-core');
  const { oas } = require('@stoplight/spectral-rulesets');
  const formats = require('@stoplight/spectral-formats');
  const owasp = require('@stoplight/spectral-owasp-ruleset');
  const ruleset = new Ruleset({
    extends: [
      [oas, 'all'],
      [owasp.default ?? owasp, 'all'],
    ],
  });
  const sets = [];
  for (const format of [[formats.oas2], [formats.oas3, formats.oas3_0], [formats.oas3, formats.oas3_1]]) {
    const chosen = new Set(format);
    const resolved = new Set();
    const unresolved = new Set();
    for (const rule of Object.values(ruleset.rules)) {
      if (!rule.matchesFormat(chosen)) continue;
      for (const given of rule.getGivenForFormats(chosen)) (rule.resolved ? resolved : unresolved).add(given);
    }
    sets.push([...resolved], [...unresolved]);
  }
  return sets;
}

// Expressions that read the path above a node in every way nimma compiles: absolute prefixes, keys a few
// levels up, keys anywhere above, parent (^) and key (~) outputs, numeric keys, filters on the parent.
const AWKWARD = [
  '$..responses[429].headers',
  '$..responses["429"]',
  '$.paths[*]..responses[?(@property.match(/^(2|4)/))]',
  '$.components.schemas..[?(@ && @.example !== void 0)]',
  '$..content..[?(@ && @.schema)]',
  '$..parameters..[?(@ && @.example)]',
  '$..properties[*]^',
  '$..properties[*]~',
  '$..items.properties[*]',
  '$..enum^',
  '$..[?(@property === "$ref")]',
  '$.paths[*][*].responses[*]',
  '$..headers[*].examples[*]',
  '$.paths[*][*]..content[*].examples[*]',
  '$..securitySchemes[?(@ && @.type == "oauth2")]',
  '$..[description,title]',
  '$..x[*].y',
  '$..[?(@ && @.type == "object")].properties',
  '$..[?(@ && @.type == "oauth2")].flows.implicit',
  '$..[?(@ && @.type == "object")].items.x[*]',
];

/** Every callback call of a query, as text: callback, path, and the value (objects by identity). */
function callsOf(NimmaClass, expressions, tree) {
  const ids = new WeakMap();
  let next = 1;
  const show = (value) => {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
    if (!ids.has(value)) ids.set(value, next++);
    return `#${ids.get(value)}`;
  };
  const calls = [];
  const nimma = new NimmaClass(expressions, { fallback: jsonPathPlus, unsafe: false, output: 'auto', customShorthands: {} });
  const callbacks = Object.fromEntries(
    expressions.map((expression) => [
      expression,
      (scope) => calls.push(`${expression} ${JSON.stringify(scope.path)} ${show(scope.value)}`),
    ]),
  );
  nimma.query(tree, callbacks);
  return calls;
}

function assertSameCalls(expressions, tree, label) {
  const expected = callsOf(LegacyNimma, expressions, tree);
  const actual = callsOf(MemoizedNimma, expressions, tree);
  assert.equal(actual.length, expected.length, `${label}: number of calls`);
  for (let i = 0; i < expected.length; i++) assert.equal(actual[i], expected[i], `${label}: call ${i}`);
  return expected.length;
}

/** Local $refs replaced by their (shared) targets, as Spectral's resolver inlines them; a cycle keeps its $ref. */
function inlineRefs(document) {
  const done = new Map();
  const resolving = new Set();
  const target = (ref) =>
    ref
      .slice(2)
      .split('/')
      .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, key) => (node == null ? undefined : node[key]), document);
  const visit = (node) => {
    if (typeof node !== 'object' || node === null) return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      if (done.has(node.$ref)) return done.get(node.$ref);
      if (resolving.has(node.$ref)) return node;
      resolving.add(node.$ref);
      const resolved = visit(target(node.$ref));
      resolving.delete(node.$ref);
      done.set(node.$ref, resolved ?? node);
      return resolved ?? node;
    }
    if (Array.isArray(node)) return node.map(visit);
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, visit(value)]));
  };
  return visit(document);
}

test('walkPlanFor: which generated walks can be memoized, and what the context of a subtree is', () => {
  const planOf = (expressions) => walkPlanFor(new LegacyNimma(expressions, { unsafe: false, output: 'auto' }).sourceCode);
  const plan = planOf([
    '$..content..[?(@ && @.schema)]',
    '$.paths[*]..responses[?(@property.match(/^(2|4)/))]',
    '$..responses[429].headers',
  ]);
  assert.deepEqual(plan.searchedKeys, ['content']);
  assert.deepEqual([...plan.absoluteSegments], [[0, new Set(['paths'])]]);
  assert.equal(plan.segmentWindow, 2);
  assert.deepEqual([...plan.segmentWindowComparisons].sort(), ['429', 'responses']);
  // A filter on the path as a string, or on the parent, reads more than a context pins: nimma's own walk.
  for (const expressions of [['$..[?(@path.includes("x"))]'], ['$..[?(@parent && @parent.type)]'], ['$..[?(@parentProperty === "a")]']]) {
    const reasons = [];
    assert.equal(
      walkPlanFor(new LegacyNimma(expressions, { unsafe: false, output: 'auto' }).sourceCode, (r) => reasons.push(r)),
      undefined,
      expressions[0],
    );
    assert.equal(reasons.length, 1);
  }
  // Every built-in ruleset's walk is memoized (else the comparisons below would compare nimma with itself).
  for (const givens of rulesetGivens().filter((g) => g.length > 0))
    assert.ok(walkPlanFor(new LegacyNimma(givens, { unsafe: false, output: 'auto', fallback: jsonPathPlus }).sourceCode), givens.join(' '));
});

test('real specs, refs inlined: every callback call equals nimma’s own, for every built-in ruleset’s expressions', () => {
  const specs = [
    require.resolve('@blockfrost/openapi/openapi.yaml'),
    path.join(repoRoot, 'test/fixtures/examples-equivalence/shared-schemas-oas3.yaml'),
    path.join(repoRoot, 'test/fixtures/examples-equivalence/swagger2-examples.json'),
    path.join(repoRoot, 'test/fixtures/real-world/payments-partner.json'),
  ];
  let total = 0;
  for (const file of specs) {
    const tree = inlineRefs(parse(readFileSync(file, 'utf8')));
    for (const givens of rulesetGivens()) if (givens.length) total += assertSameCalls(givens, tree, path.basename(file));
    total += assertSameCalls(AWKWARD, tree, `${path.basename(file)} (awkward expressions)`);
  }
  assert.ok(total > 10_000, `the corpus exercises the callbacks (${total} calls)`);
});

const KEYS = [
  'paths',
  'components',
  'schemas',
  'content',
  'headers',
  'parameters',
  'responses',
  '429',
  'examples',
  'properties',
  'items',
  'x',
  'y',
  'a',
  'get',
  'post',
  'schema',
  'enum',
  'flows',
  'implicit',
];

/** A random tree in which a pool of objects is placed again and again, at every depth and under every key. */
function randomTree(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const leaf = () => pick([1, 'text', true, null, ['a', 'b'], { type: 'object' }, { example: 1, schema: {} }]);
  const pool = [];
  const build = (depth) => {
    if (depth > 9 || next() < 0.15) return leaf();
    if (pool.length && next() < 0.3) return pick(pool);
    const node = next() < 0.15 ? [] : {};
    const size = 1 + Math.floor(next() * 4);
    for (let i = 0; i < size; i++) {
      const value = build(depth + 1);
      if (Array.isArray(node)) node.push(value);
      else node[next() < 0.1 ? 429 : pick(KEYS)] = value;
    }
    if (next() < 0.2) Object.assign(node, { type: pick(['object', 'array', 'oauth2']), example: 1 });
    if (next() < 0.5) pool.push(node);
    return node;
  };
  return { paths: build(1), components: { schemas: build(2) }, x: build(1), responses: { 429: build(2) } };
}

test('random trees of shared subtrees: every callback call equals nimma’s own', () => {
  const next = prng(20261202);
  const expressions = [...AWKWARD, ...rulesetGivens()[2]];
  let total = 0;
  for (let i = 0; i < 150; i++) total += assertSameCalls(expressions, randomTree(next), `tree ${i}`);
  assert.ok(total > 5_000, `${total} calls`);
});

test('a shared object under parents that a filter tells apart is not replayed from the wrong parent', () => {
  const flows = { implicit: { scopes: {} } };
  const items = { x: [1, 2] };
  const tree = {
    a: {
      b: {
        c: { type: 'oauth2', flows, items },
        d: { type: 'apiKey', flows, items },
        e: { type: 'oauth2', flows, items },
        f: { type: 'object', flows, items },
      },
    },
  };
  const expressions = ['$..[?(@ && @.type == "oauth2")].flows.implicit', '$..[?(@ && @.type == "object")].items.x[*]'];
  const calls = assertSameCalls(expressions, tree, 'parents');
  assert.equal(calls, 4, 'implicit under c and e, x[0] and x[1] under f');
});
