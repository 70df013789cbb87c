// Ranges of JSON paths are looked up through an index on big objects (server/src/engine/json-locations.ts,
// installed on the Documents createDocument makes) and key-ranges.ts indexes big mappings too. Both must
// answer exactly as the scans they replace: @stoplight/json's getLocationForJsonPath (first property of a
// name wins; a segment that reads as an integer is one) and key-ranges.ts's last-one-wins walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { pathsOf } from './helpers/paths-of.mjs';

const spectralBundling = { mainFields: ['module', 'main'] };
const { createDocument } = loadTypeScriptModule('server/src/engine/document.ts', spectralBundling);
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

test('the indexed JSON lookup answers as @stoplight/json does, for every path and its variants', () => {
  const document = createDocument(TEXT, '/tmp/api.json', 'json');
  const original = Object.getPrototypeOf(document).getRangeForJsonPath;
  assert.notEqual(document.getRangeForJsonPath, original, 'the index is installed on the document');
  const paths = pathsOf(document.data);
  const variants = [
    ...paths,
    ...paths.map((p) => [...p, 'missing']),
    ...paths.map((p) => [...p, 0]),
    ...paths.map((p) => [...p, '1']),
    ...paths.map((p) => p.map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
    ...['paths', 'small'].flatMap((at) =>
      [
        [200],
        ['200'],
        ['01'],
        [''],
        ['1e3'],
        [1000],
        ['-1'],
        [-1],
        [' 7'],
        [7],
        ['dup'],
        ['/dup'],
        ['dup', 'first'],
        ['/dup', 'second'],
      ].map((p) => [at, ...p]),
    ),
    ['small', 'b', 5],
    ['small', 'b', -1],
    ['small', 'b', 'x'],
    ['small', 'b', '2', 'c'],
  ];
  assert.ok(variants.length > 500);
  assert.ok(document.getRangeForJsonPath(['paths', '/dup', 'first'], false), 'the first of two properties of one name is the one found');
  for (const path of variants) {
    for (const closest of [true, false, undefined]) {
      assert.deepEqual(
        document.getRangeForJsonPath(path, closest),
        original.call(document, path, closest),
        `${JSON.stringify(path)} closest=${closest}`,
      );
    }
  }
});

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
