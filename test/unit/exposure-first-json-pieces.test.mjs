// The exposure-first pass parses JSON entry by entry and reuses unchanged entries across keystrokes
// (server/src/engine/exposure-first/json-pieces.ts). What it gives must equal JSON.parse of the whole text (values,
// key order, no object shared between two places) and, for every node, the range JsonTextLocator finds in the whole
// text, for a finding and for an operation. Texts it cannot cut must say so (undefined), never give something else.
// Checked on real specs, on JSON written in awkward ways, and along edit sequences that reuse the previous pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { pathsOf } from './helpers/paths-of.mjs';
import { ordered } from './helpers/ordered-data.mjs';
import { repoRoot } from './helpers/engine.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const spectralBundling = { mainFields: ['module', 'main'] };
const { parseJsonInPieces, MAX_JSON_PIECES } = loadTypeScriptModule('server/src/engine/exposure-first/json-pieces.ts', spectralBundling);
const { JsonTextLocator } = loadTypeScriptModule('server/src/engine/exposure-first/locators.ts', spectralBundling);

/** Objects reachable from `data` more than once: JSON.parse never shares one between two places. */
function sharedObjects(data) {
  const seen = new Set();
  let shared = 0;
  const walk = (value) => {
    if (!value || typeof value !== 'object') return;
    if (seen.has(value)) shared++;
    seen.add(value);
    for (const key of Object.keys(value)) walk(value[key]);
  };
  walk(data);
  return shared;
}

/** Asserts the pieces give what the whole text gives; returns the parse in pieces (undefined: not cut). */
function assertSameAsWhole(text, previous = new Map(), { mustCut = false } = {}) {
  const pieces = parseJsonInPieces(text, previous);
  if (mustCut) assert.ok(pieces, 'the document is cut into pieces');
  if (!pieces) return undefined;
  const whole = JSON.parse(text);
  assert.deepEqual(ordered(pieces.data), ordered(whole), 'same data, same key order');
  assert.equal(sharedObjects(pieces.data), 0, 'no object shared between two places');
  const paths = pathsOf(whole);
  const wholeLocator = new JsonTextLocator(text);
  // The root's range (its first key) is found in the whole text, which then answers the whole list: asked apart.
  const below = paths.filter((p) => p.length > 0);
  assert.deepEqual(pieces.locator.findingRanges(below), wholeLocator.findingRanges(below), 'the range of a finding at each path');
  assert.deepEqual(pieces.locator.findingRanges([[]]), wholeLocator.findingRanges([[]]), "the root's range");
  // Paths as rules give them: array indexes as numbers.
  const numeric = paths.filter((p) => p.some((s) => /^\d+$/.test(s))).map((p) => p.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  assert.deepEqual(pieces.locator.findingRanges(numeric), wholeLocator.findingRanges(numeric), 'array indexes given as numbers');
  // A path that is not there: no ranges at all, as in the whole text (a sample: each one scans the whole text).
  for (const missing of paths.filter((_, i) => i % 97 === 0).map((p) => [...p, 'no-such-key'])) {
    assert.equal(pieces.locator.findingRanges([paths[0], missing]), undefined, `${JSON.stringify(missing)} is not found`);
  }
  const operations = [
    ...paths.filter((p) => p[0] === 'paths' && p.length === 3),
    ...paths.filter((_, i) => i % 13 === 0),
    ['paths', 'no-such-path', 'get'],
  ];
  assert.deepEqual(pieces.locator.operationRanges(operations), wholeLocator.operationRanges(operations), "operations' ranges");
  return pieces;
}

const blockfrostJson = JSON.stringify(parse(readFileSync(require.resolve('@blockfrost/openapi/openapi.yaml'), 'utf8')), null, 2);
const generated = parse(generateSpec({ targetBytes: 300_000, seed: 11 }).text);
const REAL = {
  'blockfrost openapi.yaml written as JSON (real, npm)': blockfrostJson,
  'payments-partner.json': readFileSync(path.join(repoRoot, 'test/fixtures/real-world/payments-partner.json'), 'utf8'),
  'a generated 300 KB spec (indented)': JSON.stringify(generated, null, 2),
  'a generated 300 KB spec (minified: one line)': JSON.stringify(generated),
  'a generated 300 KB spec (tabs, CRLF)': JSON.stringify(generated, null, '\t').replace(/\n/g, '\r\n'),
};

for (const [name, text] of Object.entries(REAL)) {
  test(`${name}: pieces give the whole text's data and ranges`, { timeout: 300_000 }, () => {
    const pieces = assertSameAsWhole(text, new Map(), { mustCut: true });
    if (text.length > 100_000) assert.ok(pieces.pieces.size > 100, 'a big spec is cut into many pieces');
  });
}

// Padding that makes an object big enough to be cut (objects are only cut above a few KB).
const filler = (n = 40) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x-filler-${i}`, 'lorem ipsum '.repeat(6)]));
const operation = (extra = {}) => ({ summary: 'S', ...extra, responses: { 200: { description: 'OK' } }, ...filler() });
const spec = (paths, extra = {}) => ({
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  ...extra,
  paths,
  ...{ 'x-root-filler': filler() },
});

const AWKWARD = {
  // Written after named keys: JSON.parse puts integer-like keys first, in ascending order, at a cut as inside an entry.
  'numeric keys written after named ones': JSON.stringify(spec({ '/a': { get: operation(), ...filler() } }), null, 2)
    .replace('"paths": {', '"paths": {\n    "x-name": 1,\n    "200": { "b": 2 },\n    "100": { "a": 1 },')
    .replace('"summary": "S",', '"summary": "S", "500": 1, "404": 2,')
    .replace('"openapi": "3.0.3",', '"openapi": "3.0.3",\n  "10": "y",'),
  'escaped keys and values (\\u, \\", \\/, ~ and / in keys)': JSON.stringify(
    spec({
      '/a/{id}': { get: operation({ description: 'quote " backslash \\ tab \t é 😀' }), ...filler() },
      '/b~c': { post: operation() },
    }),
    null,
    2,
  )
    .replace('"/a/{id}"', '"\\/a\\/{id}"')
    .replace('"summary"', '"summ\\u0061ry"'),
  'unicode outside the BMP before the entries (UTF-16 columns)': JSON.stringify(
    spec({ '/😀': { get: operation({ description: '😀😀😀' }), ...filler() } }, { 'x-😀': '😀' }),
    null,
    1,
  ),
  'values on the line after their key, spaces before colons': JSON.stringify(spec({ '/a': { get: operation(), ...filler() } }), null, 2)
    .replace(/": \{/g, '" :\n  {')
    .replace(/": "/g, '"\t:  "'),
  'arrays, empty objects and nulls at the cuts': JSON.stringify(
    spec(
      { '/a': { get: operation(), parameters: [{ name: 'x', in: 'query' }], ...filler() }, '/b': {} },
      { servers: [{ url: 'https://a' }], tags: [], 'x-null': null, 'x-empty': {} },
    ),
    null,
    2,
  ),
  'two path items written alike (each place gets its own objects)': (() => {
    const item = { get: operation(), ...filler() };
    return JSON.stringify(spec({ '/a': item, '/b': item, '/c': item }), null, 2).replace(/"\/b": \{/, '"/b":{');
  })(),
  'keys named like Object.prototype members': JSON.stringify(
    spec({ '/a': { get: operation(), constructor: { a: 1 }, toString: 'x', ...filler() } }, { hasOwnProperty: 1 }),
    null,
    2,
  ),
  'no whitespace at all around a big document': JSON.stringify(spec({ '/a': { get: operation(), ...filler() } })),
  'leading and trailing blank lines': `\n\n  ${JSON.stringify(spec({ '/a': { get: operation(), ...filler() } }), null, 2)}\n\n`,
};

for (const [name, text] of Object.entries(AWKWARD)) {
  test(`JSON with ${name}: pieces give the whole text`, () => {
    assertSameAsWhole(text, new Map(), { mustCut: true });
  });
}

const big = JSON.stringify(spec({ '/a': { get: operation(), ...filler() } }), null, 2);
const DECLINED = {
  'a duplicate root key': big.replace('"openapi": "3.0.3",', '"openapi": "3.0.3",\n  "info": {},'),
  'a duplicate key where an object is cut': big.replace('"/a": {', '"/a": {\n    "x-filler-1": 1,'),
  'a __proto__ key at a cut': big.replace('"openapi": "3.0.3",', '"openapi": "3.0.3",\n  "__proto__": { "x": 1 },'),
  'a byte-order mark': `\uFEFF${big}`,
  'text after the root object': `${big}\n{}`,
  'a missing comma between entries': big.replace('"3.0.3",', '"3.0.3"'),
  'a trailing comma': big.replace(/\n}$/, ',\n}'),
  'a comment': big.replace('"openapi"', '// c\n  "openapi"'),
  'a control character in a key': big.replace('"openapi"', '"open\tapi"'),
  'an unterminated document': big.slice(0, -10),
  'a broken value inside an entry': big.replace('"3.0.3"', '3.0.3.'),
  'an array at the root': `[${big}]`,
  // Tiny entries by the ten thousand: pieces would cost several times the memory of one parse.
  'more entries at the cuts than MAX_JSON_PIECES': JSON.stringify({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {},
    ...Object.fromEntries(Array.from({ length: MAX_JSON_PIECES }, (_, i) => [`x-${i}`, i])),
  }),
};

for (const [name, text] of Object.entries(DECLINED)) {
  test(`JSON with ${name}: not cut (the whole parse answers)`, () => {
    assert.equal(parseJsonInPieces(text, new Map()), undefined);
  });
}

// Every entry the scan walks counts, those of small objects parsed whole too (here `info`'s two).
test('a document with as many entries at the cuts as MAX_JSON_PIECES allows is cut', () => {
  const entries = Object.fromEntries(Array.from({ length: MAX_JSON_PIECES - 5 }, (_, i) => [`x-${i}`, i]));
  assertSameAsWhole(JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, ...entries }), new Map(), {
    mustCut: true,
  });
});

test('a __proto__ key inside an entry is data, as JSON.parse makes it', () => {
  const text = big.replace('"summary": "S"', '"summary": "S", "__proto__": { "polluted": true }');
  const pieces = assertSameAsWhole(text, new Map(), { mustCut: true });
  assert.equal({}.polluted, undefined);
  assert.ok(Object.prototype.hasOwnProperty.call(pieces.data.paths['/a'].get, '__proto__'));
});

test(
  'along an edit sequence, reused pieces give what the whole text gives after every edit, and unchanged entries keep their objects',
  { timeout: 300_000 },
  () => {
    let text = blockfrostJson;
    let previous = assertSameAsWhole(text, new Map(), { mustCut: true });
    const at = (needle) => {
      const index = text.indexOf(needle);
      assert.ok(index > 0, needle);
      return index;
    };
    const firstPath = Object.keys(JSON.parse(text).paths)[0];
    const lastPath = Object.keys(JSON.parse(text).paths).at(-1);
    const edits = [
      ['type in a description', () => (text = `${text.slice(0, at('"description": "') + 16)}x${text.slice(at('"description": "') + 16)}`)],
      [
        'add a path item',
        () =>
          (text = text.replace(
            '"paths": {\n',
            '"paths": {\n    "/new": { "get": { "responses": { "200": { "description": "OK" } } } },\n',
          )),
      ],
      ['break it (a missing quote)', () => (text = text.replace('"/new": {', '"/new: {'))],
      ['mend it', () => (text = text.replace('"/new: {', '"/new": {'))],
      ['rename a schema', () => (text = text.replace('"schemas": {\n      "', '"schemas": {\n      "renamed_'))],
      [
        'remove the added path item',
        () => (text = text.replace('    "/new": { "get": { "responses": { "200": { "description": "OK" } } } },\n', '')),
      ],
      [
        'join two lines (positions of everything after move)',
        () => (text = text.replace(/("openapi": "[^"]*"),\n {2}"info"/, '$1, "info"')),
      ],
    ];
    for (const [name, edit] of edits) {
      const before = previous && JSON.stringify(previous.data.paths[lastPath]);
      const lastItem = previous?.data.paths[lastPath];
      edit();
      const pieces = parseJsonInPieces(text, previous?.pieces ?? new Map());
      if (!pieces) {
        assert.throws(() => JSON.parse(text), `${name}: declined a text JSON.parse reads`);
        previous = undefined;
        continue;
      }
      assertSameAsWhole(text, previous?.pieces ?? new Map());
      if (lastItem && JSON.stringify(pieces.data.paths[lastPath]) === before && lastPath !== firstPath) {
        // The last path item's text did not change: its operations are the objects parsed before.
        const op = Object.keys(lastItem).find((key) => typeof lastItem[key] === 'object');
        assert.equal(pieces.data.paths[lastPath][op], lastItem[op], `${name}: an unchanged entry is reused, not parsed again`);
      }
      previous = pieces;
    }
  },
);
