// The run cache of pure rule functions (server/src/engine/memo/run-results-cache.ts) gives, at every place an
// input is met, what the function itself would return there: checked against Spectral (the copies in node_modules,
// which our memoization never touches) with a ruleset that uses every memoized function on objects met through
// $refs under several names, and on the wrapper itself, case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs, { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { engine, repoRoot, trusted } from './helpers/engine.mjs';
import { findingKey, ourFindings } from './helpers/spectral-reference.mjs';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const require = createRequire(import.meta.url);
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { bundleAndLoadRuleset } = require('@stoplight/spectral-ruleset-bundler/with-loader');

const FIXTURES = path.join(repoRoot, 'test/fixtures/run-cache');
const SEVERITY = ['error', 'warn', 'info', 'hint'];

test("every memoized function, on objects met under many names: Spectral's own findings, from the cache", async () => {
  const file = path.join(FIXTURES, 'shared-under-many-names.yaml');
  const rulesetFile = path.join(FIXTURES, 'ruleset.yaml');
  const text = readFileSync(file, 'utf8');

  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(rulesetFile, { fs, fetch: () => Promise.reject(new Error('offline')) }));
  const expected = (await spectral.run(new Document(text, Parsers.Yaml, file)))
    .map((r) => findingKey(r.code, r.path, SEVERITY[r.severity], r.message))
    .sort();
  // What makes the comparison worth it: the schema's messages name the key the shared object is met under.
  for (const name of ['Pet', 'Cat', 'Dog'])
    assert.ok(
      expected.some((e) => e.includes(`"${name}" property must have required property "x-owner"`)),
      name,
    );

  const before = engine.runCacheStats();
  const ours = await new engine.Linter(engine.createNodeHost()).lint({ filePath: file, text, trust: trusted, rulesetFile });
  assert.deepEqual(ourFindings(ours), expected);
  const after = engine.runCacheStats();
  assert.ok(after.hits - before.hits > 20, `answered from the cache: ${after.hits - before.hits} of ${after.calls - before.calls}`);
});

const { memoizeWithinRun } = loadTypeScriptModule('server/src/engine/memo/run-results-cache.ts');

/** A pure function that counts its calls: findings under the path, one without a path, one naming the last segment. */
function counted() {
  const calls = [];
  const fn = (input, options, context) => {
    calls.push(input);
    const last = context.path[context.path.length - 1];
    return [{ message: `${String(last)}: ${JSON.stringify(input)}` }, { message: 'below', path: [...context.path, 'x', 0] }];
  };
  return { fn, calls };
}

const OPTIONS = { some: 'options' };
const RULE = { name: 'rule' };
const runContext = (run, path, rule = RULE) => ({ documentInventory: run, path, rule });

test('the wrapper: table of calls and whether the function runs again', () => {
  const shared = { shared: true };
  const runA = {};
  const runB = {};
  const cases = [
    // [input, run, path, options, rule, runs again?, why]
    [shared, runA, ['a', 'schema'], OPTIONS, RULE, true, 'first call'],
    [shared, runA, ['b', 'c', 'schema'], OPTIONS, RULE, false, 'same object, same last segment, another place'],
    [{ shared: true }, runA, ['d', 'schema'], OPTIONS, RULE, true, 'an equal but distinct object'],
    [shared, runA, ['a', 'items'], OPTIONS, RULE, true, 'another last segment'],
    [shared, runB, ['a', 'schema'], OPTIONS, RULE, true, 'another run'],
    ['text', runA, ['description'], OPTIONS, RULE, true, 'a string, first time'],
    ['text', runA, ['p', 'description'], OPTIONS, RULE, false, 'the same string'],
    [0, runA, ['enum', 0], OPTIONS, RULE, true, 'zero'],
    [-0, runA, ['enum', 0], OPTIONS, RULE, true, 'minus zero is not taken for zero'],
    [shared, runA, ['a', 'schema'], { other: 1 }, RULE, true, 'other options: not cached'],
    [shared, runA, ['a', 'schema'], OPTIONS, { name: 'other' }, true, 'another rule: not cached'],
    [shared, runA, [], OPTIONS, RULE, true, 'the root'],
    [shared, runA, [], OPTIONS, RULE, false, 'the root again'],
  ];
  const { fn, calls } = counted();
  const memoized = memoizeWithinRun(fn, OPTIONS, RULE);
  const reference = counted().fn;
  for (const [input, run, path, options, rule, runsAgain, why] of cases) {
    const before = calls.length;
    const got = memoized(input, options, runContext(run, path, rule));
    assert.equal(calls.length > before, runsAgain, why);
    assert.deepEqual(got, reference(input, options, runContext(run, path, rule)), `${why}: the function's own findings`);
  }
});

test('findings the cache cannot place again are returned as computed and not stored', () => {
  const run = {};
  const shapes = [
    ['a path outside the call', () => [{ message: 'm', path: ['elsewhere'] }]],
    ['an extra property', () => [{ message: 'm', severity: 0 }]],
    ['a promise', async () => [{ message: 'm' }]],
  ];
  for (const [why, shape] of shapes) {
    let calls = 0;
    const memoized = memoizeWithinRun(
      (...args) => {
        calls++;
        return shape(...args);
      },
      OPTIONS,
      RULE,
    );
    const first = memoized({}, OPTIONS, runContext(run, ['p']));
    const input = {};
    memoized(input, OPTIONS, runContext(run, ['p']));
    memoized(input, OPTIONS, runContext(run, ['q', 'p']));
    assert.equal(calls, 3, `${why}: run every time`);
    assert.ok(first !== undefined, why);
  }
  // Nothing found is cached too.
  let calls = 0;
  const none = memoizeWithinRun(() => void calls++, OPTIONS, RULE);
  const input = {};
  assert.equal(none(input, OPTIONS, runContext(run, ['p'])), undefined);
  assert.equal(none(input, OPTIONS, runContext(run, ['q', 'p'])), undefined);
  assert.equal(calls, 1);
});

test('each caller gets findings of its own (Spectral may keep them)', () => {
  const memoized = memoizeWithinRun((input, options, context) => [{ message: 'm', path: [...context.path, 'x'] }], OPTIONS, RULE);
  const run = {};
  const input = {};
  const first = memoized(input, OPTIONS, runContext(run, ['a', 'p']));
  first[0].path.push('changed by the caller');
  first[0].message = 'changed';
  assert.deepEqual(memoized(input, OPTIONS, runContext(run, ['b', 'p'])), [{ message: 'm', path: ['b', 'p', 'x'] }]);
});
