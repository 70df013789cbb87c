// JSON is parsed into the same data and diagnostics as Spectral's parser, with where each value is kept as a
// JsonTree (server/src/engine/json-parse.ts, json-tree.ts) instead of a tree of objects; malformed text goes
// through Spectral's parser and its tree is converted. Range lookups go through an index on big objects, and
// key-ranges.ts indexes big mappings too. All must answer exactly as what they replace: @stoplight/json's
// parseWithPointers and getLocationForJsonPath (first property of a name wins; a segment that reads as an
// integer is one) and key-ranges.ts's last-one-wins walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { ordered } from './helpers/ordered-data.mjs';
import { NUMERIC_LOOKING_KEYS, pathsOf, pathVariants } from './helpers/paths-of.mjs';

const spectralBundling = { mainFields: ['module', 'main'] };
const { JsonParser } = loadTypeScriptModule('server/src/engine/json-parse.ts', spectralBundling);
const { Json: SpectralJson } = loadTypeScriptModule('node_modules/@stoplight/spectral-parsers/dist/index.js', spectralBundling);
const { lastByKey } = loadTypeScriptModule('server/src/engine/last-by-key.ts');
const many = (prefix, n) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { i, list: [i, { deep: `${prefix}-${i}` }] }]));
// Keys that read as numbers, an empty key, and a duplicated key (JSON text can repeat one: added by hand below),
// in objects small enough to be scanned and big enough to be indexed.
const odd = { 200: 'a', '01': 'b', '': 'c', '1e3': 'd', '-1': 'e', ' 7': 'f' };
const body = JSON.stringify(
  { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { ...many('/p', 40), ...odd }, small: { ...odd, b: [1, 2, { c: 3 }] } },
  null,
  2,
);
const TEXT = body
  .replace('"paths": {', '"paths": {\n    "/dup": { "first": true },')
  .replace('"small": {', '"small": {\n    "dup": { "first": true },')
  .replace(/\n  }\n}$/, ',\n    "dup": { "second": true }\n  }\n}')
  .replace('"/p39": {', '"/dup": { "second": true },\n    "/p39": {');

const variantsOf = (data) => pathVariants(pathsOf(data));

/** Our parse and Spectral's agree on the data (key order included), the diagnostics and every range lookup. */
function assertSameAsSpectral(text, extraPaths = []) {
  const ours = JsonParser.parse(text);
  const theirs = SpectralJson.parse(text);
  assert.deepEqual(ordered(ours.data), ordered(theirs.data), 'data');
  assert.deepEqual(ours.diagnostics, theirs.diagnostics, 'diagnostics');
  assert.deepEqual(ours.lineMap, theirs.lineMap, 'line map');
  for (const path of [...variantsOf(theirs.data), ...extraPaths]) {
    for (const closest of [true, false, undefined]) {
      let expected;
      try {
        expected = SpectralJson.getLocationForJsonPath(theirs, path, closest);
      } catch {
        continue; // @stoplight/json throws on a path through a missing node of a broken tree: nothing to match
      }
      assert.deepEqual(JsonParser.getLocationForJsonPath(ours, path, closest), expected, `${JSON.stringify(path)} closest=${closest}`);
    }
  }
  return ours;
}

test('well-formed JSON: same data, duplicate-key diagnostics and ranges as Spectral, without its tree', () => {
  const extra = [
    ...['paths', 'small'].flatMap((at) =>
      [...NUMERIC_LOOKING_KEYS, ['dup'], ['/dup'], ['dup', 'first'], ['/dup', 'second']].map((p) => [at, ...p]),
    ),
    ['small', 'b', 5],
    ['small', 'b', -1],
    ['small', 'b', 'x'],
    ['small', 'b', '2', 'c'],
  ];
  const ours = assertSameAsSpectral(TEXT, extra);
  assert.equal(ours.ast.converted, false, "the tree is built from the text, not converted from Spectral's");
  assert.equal(ours.diagnostics.length, 2, 'both duplicate keys are reported');
  assert.ok(
    JsonParser.getLocationForJsonPath(ours, ['paths', '/dup', 'first'], false),
    'the first of two properties of one name is the one found',
  );
});

// Well-formed texts take the fast path; the malformed ones (and a lone "\r") go through Spectral's parser.
const CASES = [
  ['nested arrays and literals', '{"a": [1, [2, [3, {"b": null}]], true, false, -1.5e3, "s"], "c": {}}', false],
  [
    'keys that read as array indexes after others',
    '{"b": 1, "200": 2, "a": {"404": {"x": 1}, "default": 2, "200": [3], "01": 4, "4294967295": 5}}',
    false,
  ],
  ['a top-level array', '[{"a": 1}, [], "x"]', false],
  ['a top-level scalar', '"just a string"', false],
  ['comments', '{\n  // a comment\n  "a": /* inline */ 1\n}', false],
  ['CRLF line ends', '{\r\n  "a": {\r\n    "b": [1,\r\n 2]\r\n  }\r\n}', false],
  ['escapes and astral characters', '{"k\\"ey": "\\u00e9\\n", "\u{1F600}": {"x\u00e9": "\u{1F600}\u{1F600}"}, "after": 1}', false],
  ['a byte-order mark blanked out', ' {"a": 1}', false],
  ['keys named like Object.prototype members', '{"constructor": 1, "toString": {"a": 2}, "__proto__": 3, "hasOwnProperty": 4}', false],
  ['a key repeated three times, nested', '{"a": {"x": 1, "y": 2, "x": 3, "x": {"z": [1, {"x": 1, "x": 2}]}}}', false],
  ['a lone carriage return', '{"a": 1,\r"b": {\r"c": 2}}', true],
  ['a trailing comma', '{"a": 1, "b": [1, 2,],}', true],
  ['a property without a value', '{"a": , "b": 2}', true],
  ['a valueless property before the end', '{"x": {"a"}, "b": {"c": 1}}', true],
  ['a missing colon', '{"a" 1, "b": 2}', true],
  ['an unclosed object', '{"a": {"b": [1, 2', true],
  ['junk after the value', '{"a": 1} trailing', true],
  ['a newline inside a string', '{"a": "line\nbreak", "b": 1}', true],
  ['an empty text', '', true],
  ['only junk', '}{][', true],
];

for (const [name, text, converted] of CASES) {
  test(`JSON with ${name}: same data, diagnostics and ranges as Spectral`, () => {
    const ours = assertSameAsSpectral(text);
    if (ours.ast.size > 0)
      assert.equal(ours.ast.converted, converted, converted ? "converted from Spectral's tree" : 'built from the text');
  });
}

test("key-ranges' indexed lookup finds the item a scan from the end finds", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (const size of [0, 1, 5, 16, 17, 40, 300]) {
    const items = Array.from({ length: size }, (_, i) =>
      random() < 0.1 ? null : { key: random() < 0.2 ? undefined : `k${Math.floor((random() * size) / 2)}`, i },
    );
    const keyOf = (item) => item?.key;
    const owner = {};
    for (const key of [...new Set(items.map(keyOf))].filter(Boolean).concat(['absent'])) {
      const expected = [...items].reverse().find((item) => keyOf(item) === key);
      assert.equal(lastByKey(owner, items, key, keyOf), expected, `size ${size}, key ${key}`);
    }
  }
});

test("the JsonTree's last property of a key (key-ranges.ts) and first (Spectral's), in small and indexed objects", () => {
  const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
  const text = JSON.stringify({ small: { x: 1, y: 2 }, big })
    .replace('"y":2', '"y":2,"x":3')
    .replace('"k19":19', '"k19":19,"k3":"again"');
  const { ast: tree } = JsonParser.parse(text);
  const valueText = (node) => text.slice(tree.span(node).start, tree.span(node).end);
  const small = tree.property(0, 'small', 'first');
  const indexed = tree.property(0, 'big', 'first');
  assert.equal(valueText(tree.property(small, 'x', 'first')), '1');
  assert.equal(valueText(tree.property(small, 'x', 'last')), '3');
  assert.equal(valueText(tree.property(indexed, 'k3', 'first')), '3');
  assert.equal(valueText(tree.property(indexed, 'k3', 'last')), '"again"');
  assert.equal(tree.property(small, 'missing', 'last'), undefined);
});
