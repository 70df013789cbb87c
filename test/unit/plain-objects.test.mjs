// Parsed YAML keeps its data, key order included, when its ordered objects become plain ones where a plain object
// lists the keys alike (server/src/engine/plain-objects.ts); objects with keys that read as array indexes keep
// Spectral's ordered Proxy. JSON is parsed that way directly (json-parse.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { ordered } from './helpers/ordered-data.mjs';

const spectralBundling = { mainFields: ['module', 'main'] };
const { withPlainObjects } = loadTypeScriptModule('server/src/engine/plain-objects.ts', spectralBundling);
const { Yaml } = loadTypeScriptModule('node_modules/@stoplight/spectral-parsers/dist/index.js', spectralBundling);

const isOrdered = (value) => Object.getOwnPropertySymbols(value).length > 0;

const CASES = [
  ['plain keys only', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a: {get: {summary: s}}\n', []],
  [
    'keys that read as array indexes after others',
    'responses:\n  default: {d: 1}\n  "404": {x: 1}\n  200: [3]\n  "01": 4\n',
    ['responses'],
  ],
  ['merge keys and aliases', 'base: &b {z: 1, a: 2}\nx:\n  <<: *b\n  m: 3\n  a: 4\ny: [*b, *b]\n', []],
  ['a duplicated key', 'a: 1\nb: {c: 1}\na: {d: 2}\n', []],
  ['a "__proto__" key', 'x:\n  __proto__: {polluted: true}\n  y: 1\n', ['x']],
  ['sequences of mappings, nulls and scalars', 'list:\n  - {b: 1, a: 2}\n  -\n  - 3\n  - [ {c: 4} ]\n', []],
  ['a timestamp and a big number', 'when: 2020-01-01\nn: 12345678901234567890\n', []],
];

for (const [name, text, keptOrdered] of CASES) {
  test(`YAML with ${name}: the same data and key order, plain objects where they list keys alike`, () => {
    const expected = ordered(Yaml.parse(text).data);
    const data = withPlainObjects(Yaml.parse(text).data);
    assert.deepEqual(ordered(data), expected);
    const seen = [];
    const walk = (value, at) => {
      if (!value || typeof value !== 'object') return;
      if (!Array.isArray(value)) seen.push([at, isOrdered(value)]);
      for (const key of Object.keys(value)) walk(value[key], at ? `${at}.${key}` : key);
    };
    walk(data, '');
    for (const [at, stillOrdered] of seen) assert.equal(stillOrdered, keptOrdered.includes(at), `object at "${at}"`);
  });
}

test('objects met twice stay one object, and cycles end', () => {
  const shared = { a: 1 };
  const cyclic = { b: 2 };
  cyclic.self = cyclic;
  const data = withPlainObjects({ x: shared, y: [shared], c: cyclic });
  assert.equal(data.x, data.y[0]);
  assert.equal(data.c.self, data.c);
});
