// Memoized example validation, the nimma alias and the rest of the engine's speed-ups must not change a
// single result: on real specs (from npm packages) and on fixtures made to stress the example rules
// (shared, nested, read/write-only, circular and $id schemas, Swagger 2, OpenAPI 3.1 dialects, schemas alike but
// for their annotations, which share one ajv validator, plain schemas whose valid examples need no validator, results
// repeated below shared objects), our
// findings equal those of a plain `Spectral` run with
// the same rules, finding for finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { engine, repoRoot, trusted } from './helpers/engine.mjs';
import { ourFindings, spectralFindings } from './helpers/spectral-reference.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const fixtures = path.join(repoRoot, 'test/fixtures');

const CORPUS = [
  // A real public spec, installed from npm: Blockfrost's 496 KB OpenAPI 3.0 YAML.
  require.resolve('@blockfrost/openapi/openapi.yaml'),
  path.join(fixtures, 'examples-equivalence/shared-schemas-oas3.yaml'),
  path.join(fixtures, 'examples-equivalence/swagger2-examples.json'),
  path.join(fixtures, 'examples-equivalence/oas31-dialect.yaml'),
  path.join(fixtures, 'examples-equivalence/shared-validators-oas3.yaml'),
  path.join(fixtures, 'examples-equivalence/plain-schemas-oas3.yaml'),
  path.join(fixtures, 'examples-equivalence/plain-schemas-oas31.yaml'),
  // Results below shared objects, skipped as repeats before they are mapped (memo/repeated-results.ts); the same
  // document with a $ref that has a sibling key, and with one written otherwise than Spectral's pointer (no skipping).
  path.join(fixtures, 'examples-equivalence/shared-results-oas3.yaml'),
  path.join(fixtures, 'examples-equivalence/shared-results-ref-sibling.json'),
  path.join(fixtures, 'examples-equivalence/shared-results-raw-pointer.json'),
  path.join(fixtures, 'real-world/payments-partner.json'),
  path.join(fixtures, 'real-world/weather-public-swagger2.yaml'),
  path.join(repoRoot, 'examples/petstore-external.yaml'),
].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
CORPUS.push({
  file: path.join(fixtures, 'examples-equivalence/generated-60kb.yaml'),
  text: generateSpec({ targetBytes: 60_000, seed: 7 }).text,
});

const linter = new engine.Linter(engine.createNodeHost());

for (const { file, text } of CORPUS) {
  test(`${path.basename(file)}: the same findings as Spectral, cold and then from the caches`, { timeout: 600_000 }, async () => {
    const expected = await spectralFindings(file, text);
    assert.ok(expected.length > 0, 'the corpus must give findings, or the comparison proves nothing');
    const options = { filePath: file, text, trust: trusted, rulesetFile: 'api-exposure-lint:recommended', timeoutMs: 600_000 };
    const cold = await linter.lint(options);
    assert.deepEqual(ourFindings(cold), expected);
    // Same text again: every example validation now comes from the cross-run cache.
    const before = engine.exampleCacheStats();
    const warm = await linter.lint(options);
    assert.deepEqual(ourFindings(warm), expected);
    assert.equal(engine.exampleCacheStats().misses, before.misses, 'a second lint of the same text validates no example again');
  });
}

test('the corpus exercises the example rules, the caches and the bypass for $id schemas', () => {
  const stats = engine.exampleCacheStats();
  assert.ok(stats.runHits > 0 && stats.sharedHits > 0 && stats.misses > 0, JSON.stringify(stats));
  assert.ok(stats.uncacheable > 0, 'the $id schemas went to Spectral itself');
  // Schemas alike but for their annotations got one ajv validator (scripts/build.mjs, ajv-validators-by-content).
  const validators = engine.sharedValidatorStats();
  // Inputs met at several places were answered from the run's cache of pure functions (memo/run-results-cache.ts).
  const run = engine.runCacheStats();
  assert.ok(run.hits > 0 && run.hits < run.calls, JSON.stringify(run));
  assert.ok(validators.shared > 0 && validators.compiled > 0, JSON.stringify(validators));
  // Results repeated below shared objects were skipped before Spectral mapped them (memo/repeated-results.ts).
  assert.ok(engine.repeatedResultStats().skipped > 0, JSON.stringify(engine.repeatedResultStats()));
});
