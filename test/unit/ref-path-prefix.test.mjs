// The resolver's prefix test (server/src/engine/ref-path-prefix.ts) must answer as @stoplight/json's `startsWith`,
// which Spectral's $ref resolver called there, for every pair of paths: compared on random and chosen paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { prng } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const { startsWith } = require('@stoplight/json');
const { pathStartsWith } = loadTypeScriptModule('server/src/engine/ref-path-prefix.ts');

// Segments that parse alike or not: leading zeros, trailing junk, signs, blanks, escapes, names.
const SEGMENTS = ['0', '00', '1', '01', '1a', '2', '2a', ' 2', '-1', '-0', '1e3', '1.5', '', 'a', 'paths', '~1', 'NaN', 'Infinity', '0x1'];

test('pathStartsWith answers as @stoplight/json startsWith on random path pairs', () => {
  const random = prng(42);
  const segment = () => SEGMENTS[Math.floor(random() * SEGMENTS.length)];
  let prefixes = 0;
  for (let round = 0; round < 20_000; round++) {
    const path = Array.from({ length: Math.floor(random() * 6) }, segment);
    // Half the stems are prefixes of the path with some segments swapped: the cases where the answers could differ.
    const stem =
      random() < 0.5
        ? path.slice(0, Math.floor(random() * (path.length + 1))).map((s) => (random() < 0.2 ? segment() : s))
        : Array.from({ length: Math.floor(random() * 4) }, segment);
    const expected = startsWith(path, stem);
    if (expected) prefixes++;
    assert.equal(pathStartsWith(path, stem), expected, `${JSON.stringify(path)} / ${JSON.stringify(stem)}`);
  }
  assert.ok(prefixes > 1000 && prefixes < 19_000, `both answers were met (${prefixes} prefixes)`);
});

const CASES = [
  [['paths', '/a', 'get'], ['paths', '/a'], true],
  [['paths', '/a'], ['paths', '/a', 'get'], false],
  [['items', '01'], ['items', '1'], true], // both parse as 1: Spectral's rule, kept
  [['items', '2a'], ['items', '2'], true],
  [['items', 'a'], ['items', 'b'], false],
  [['items', '1'], ['items', 'a'], false],
  [[], [], true],
];
for (const [path, stem, expected] of CASES) {
  test(`pathStartsWith(${JSON.stringify(path)}, ${JSON.stringify(stem)}) is ${expected}, as startsWith`, () => {
    assert.equal(startsWith(path, stem), expected);
    assert.equal(pathStartsWith(path, stem), expected);
  });
}
