// Ranges of YAML paths are looked up through an index on big mappings (server/src/engine/yaml-locations.ts, installed
// on the Documents createDocument makes). It must answer exactly as the scan it replaces, Spectral's YAML parser's
// getLocationForJsonPath: the last key of a name wins, a key without a value leads to the key, merge keys splice
// mappings in, a segment reads as an index in a sequence however it is written, and a number never names a key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { NUMERIC_LOOKING_KEYS, pathsOf, pathVariants } from './helpers/paths-of.mjs';

const spectralBundling = { mainFields: ['module', 'main'] };
const { createDocument } = loadTypeScriptModule('server/src/engine/document.ts', spectralBundling);

const manyPaths = Array.from({ length: 40 }, (_, i) => `  /p${i}:\n    get:\n      operationId: op${i}\n      tags: [t${i}, u${i}]\n`).join(
  '',
);
// Odd keys in a mapping small enough to be scanned and in one big enough to be indexed (`paths`, `big`).
const odd = `  '200': a\n  '01': b\n  '': c\n  '1e3': d\n  '-1': e\n  ' 7': f\n  novalue:\n  dup: { first: true }\n  dup: { second: true }\n`;
const manyKeys = Array.from({ length: 20 }, (_, i) => `  k${i}: ${i}\n`).join('');
const TEXT = `openapi: 3.0.3
info: { title: t, version: '1' }
paths:
${manyPaths}${odd}small:
${odd}  list:
    - 1
    -
    - { c: 3 }
    - [x, y]
base: &base
  inherited: 1
  shared: base
merged:
  <<: *base
  shared: own
bigmerged:
  <<: *base
${manyKeys}big:
${manyKeys}${odd}  ? [complex, key]
  : complex
`;

test("the indexed YAML lookup answers as Spectral's YAML parser does, for every path and its variants", () => {
  const document = createDocument(TEXT, '/tmp/api.yaml', 'yaml');
  const original = Object.getPrototypeOf(document).getRangeForJsonPath;
  assert.notEqual(document.getRangeForJsonPath, original, 'the index is installed on the document');
  const paths = pathsOf(document.data);
  const variants = [
    ...pathVariants(paths),
    ...['paths', 'small', 'big'].flatMap((at) =>
      [...NUMERIC_LOOKING_KEYS, ['novalue'], ['novalue', 'x'], ['dup'], ['dup', 'first'], ['dup', 'second'], ['complex']].map((p) => [
        at,
        ...p,
      ]),
    ),
    ...[['1'], ['01'], [''], ['1.0'], ['-0'], [-0], [' 2'], ['0x2'], [1], [4], [-1], ['x'], ['2', 'c'], ['3', 1]].map((p) => [
      'small',
      'list',
      ...p,
    ]),
    ['merged', 'inherited'],
    ['merged', 'shared'],
    ['bigmerged', 'inherited'],
    ['bigmerged', 'k19'],
  ];
  assert.ok(variants.length > 500);
  assert.deepEqual(document.getRangeForJsonPath(['paths', 'dup', 'second']), original.call(document, ['paths', 'dup', 'second']));
  assert.ok(document.getRangeForJsonPath(['paths', 'dup', 'second']), 'the last of two keys of one name is the one found');
  assert.ok(document.getRangeForJsonPath(['bigmerged', 'inherited']), 'merge keys are followed');
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
