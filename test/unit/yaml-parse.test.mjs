// YAML is parsed with plain objects from the start, and a key-order Proxy only where a plain object would list the
// keys otherwise (server/src/engine/yaml-parse.ts): the result must equal Spectral's own parse (Parsers.Yaml) followed
// by plain-objects.ts, as createDocument did before — the same data with the same key order, the same objects kept
// ordered, the same diagnostics, line map and metadata — on hand-written cases, random documents and real specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { ordered } from './helpers/ordered-data.mjs';
import { repoRoot } from './helpers/engine.mjs';
import { prng } from '../bench/generate-spec.mjs';

const require = createRequire(import.meta.url);
const spectralBundling = { mainFields: ['module', 'main'] };
const { parseYaml, parsedPlainly } = loadTypeScriptModule('server/src/engine/yaml-parse.ts', spectralBundling);
const { withPlainObjects } = loadTypeScriptModule('server/src/engine/plain-objects.ts', spectralBundling);
const { Yaml } = loadTypeScriptModule('node_modules/@stoplight/spectral-parsers/dist/index.js', spectralBundling);

const isOrdered = (value) => Object.getOwnPropertySymbols(value).length > 0;

/** Where the data's objects are key-order Proxies, as a list of paths. */
function orderedAt(data) {
  const found = [];
  const walk = (value, at) => {
    if (!value || typeof value !== 'object') return;
    if (!Array.isArray(value) && isOrdered(value)) found.push(at);
    for (const key of Object.keys(value)) walk(value[key], `${at}/${key}`);
  };
  walk(data, '');
  return found;
}

/** What createDocument made of a YAML text before: Spectral's parse, then plain objects. */
function spectralThenPlain(text) {
  const result = Yaml.parse(text);
  result.data = withPlainObjects(result.data);
  return result;
}

function assertSameParse(text, label) {
  const expected = spectralThenPlain(text);
  const actual = parseYaml(text);
  assert.deepEqual(ordered(actual.data), ordered(expected.data), `${label}: data and key order`);
  assert.deepEqual(orderedAt(actual.data), orderedAt(expected.data), `${label}: the objects kept ordered`);
  assert.deepEqual(actual.diagnostics, expected.diagnostics, `${label}: diagnostics`);
  assert.deepEqual(actual.lineMap, expected.lineMap, `${label}: line map`);
  assert.deepEqual(actual.metadata, expected.metadata, `${label}: metadata`);
}

// [name, text, parsed plainly?]
const CASES = [
  ['plain keys only', 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a: {get: {summary: s}}\n', true],
  ['keys that read as array indexes after others', 'responses:\n  default: {d: 1}\n  "404": {x: 1}\n  200: [3]\n  "01": 4\n', true],
  ['an index key first, then others', 'r:\n  "200": a\n  b: 2\n  "1": c\n  a: 1\n', true],
  [
    'keys of every scalar type',
    'k:\n  a: 1\n  0x1A: hex\n  0o17: oct\n  017: zero\n  +5: plus\n  -1: minus\n  1.0: float\n  1e3: exp\n  .inf: inf\n  true: t\n  false: f\n  yes: y\n  ~: tilde\n  "": empty\n  \'2\': quoted\n  12345678901234567890: big\n  4294967295: beyond-index\n  4294967294: last-index\n',
    true,
  ],
  ['index keys in flow mappings and in sequences', 'list:\n  - {b: 1, 3: x, a: 2}\n  - [{2: y, 1: z}]\n  -\n  - 3\n', true],
  ['keys that are numbers and strings alike', 'm:\n  1: int\n  "1.5": str\n  1.5: float\n', false],
  ['merge keys and aliases', 'base: &b {z: 1, a: 2}\nx:\n  <<: *b\n  m: 3\n  a: 4\ny: [*b, *b]\n', false],
  ['a merge key without an alias', 'x:\n  <<: {z: 1, "3": 2}\n  m: 3\n', false],
  ['a merge key alone', 'x:\n  <<: {a: 1}\n', false],
  ['a quoted merge key', 'x:\n  m: 3\n  "<<": {a: 1, m: 2}\n', false],
  ['"<<" in a text', 'info:\n  description: "cat <<< $(jq .x f)"\n  "1": a\n', true],
  ['a duplicated key', 'a: 1\nb: {c: 1}\na: {d: 2}\n', false],
  ['a duplicated index key', 'r:\n  "200": a\n  b: 1\n  200: c\n', false],
  ['a "__proto__" key', 'x:\n  __proto__: {polluted: true}\n  y: 1\n', false],
  ['a key that is not a scalar', 'x:\n  ? [a, b]\n  : 1\n  c: 2\n', false],
  ['a key that is not a scalar among index keys', 'x:\n  "1": a\n  ? {k: v}\n  : 1\n', false],
  ['a syntax error', 'a: [1, 2\nb: 3\n', true],
  ['an unclosed quote among index keys', 'r:\n  "200": {a: 1}\n  b: "open\n  "1": x\n', true],
  ['a bad indentation', 'a:\n  b: 1\n c: 2\n"3":\n   - x\n  - y\n', true],
  ['a tab and a stray colon', 'a:\t1\nb: : 2\n"9": {x: 1\n', true],
  ['a half-typed mapping', 'paths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n        4\n', true],
  ['an alias to no anchor', 'a: *nothing\nb: 1\n', true],
  ['markdown bold, no alias', 'info:\n  description: "**bold** and *this*"\n  "7": seven\n', true],
  ['an empty text', '', true],
  ['a scalar document', 'just text\n', true],
  ['a timestamp and a big number', 'when: 2020-01-01\nn: 12345678901234567890\n', true],
  ['block scalars and comments', '# c\na: |\n  line 1\n  line 2\nb: >-\n  folded\n"3": x # trailing\n', true],
];

for (const [name, text, plainly] of CASES) {
  test(`YAML with ${name}: the same parse as Spectral's then plain objects`, () => {
    assertSameParse(text, name);
    assert.equal(parsedPlainly(text) !== undefined, plainly, plainly ? 'parsed with plain objects' : "left to Spectral's parse");
  });
}

test('keys of different types that read alike are told apart by the key they make, not their text', () => {
  // `1:` and `"1"` make the same key (a duplicate); `1.0:` makes "1" too.
  for (const text of ['a:\n  1: x\n  "1": y\n', 'a:\n  1.0: x\n  "1": y\n', 'a:\n  0x10: x\n  "16": y\n']) assertSameParse(text, text);
});

// Random documents: mappings with keys of many forms (index-like, numbers written every way, booleans, nulls, quoted
// or not, repeated now and then), nested mappings, sequences and flow collections.
function randomDocuments(count, seed) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const KEYS = [
    'a',
    'b',
    'get',
    '200',
    '"200"',
    "'404'",
    '0',
    '"0"',
    '01',
    '1',
    '2',
    '10',
    '1.0',
    '0x2',
    '"3"',
    'true',
    '~',
    'null',
    'default',
    '-1',
    '"x y"',
    '4294967295',
  ];
  const SCALARS = ['1', 'text', '"quoted"', 'null', 'true', '2.5', "''", '0x1F'];
  const lines = [];
  const mapping = (indent, depth) => {
    const n = 1 + Math.floor(random() * 5);
    const used = new Set();
    for (let i = 0; i < n; i++) {
      let key = pick(KEYS);
      if (used.has(key) && random() < 0.9) continue; // a repeated key now and then
      used.add(key);
      const pad = ' '.repeat(indent);
      const kind = depth > 3 ? 0 : Math.floor(random() * 5);
      if (kind === 0 || kind === 1) lines.push(`${pad}${key}: ${pick(SCALARS)}`);
      else if (kind === 2) {
        lines.push(`${pad}${key}:`);
        mapping(indent + 2, depth + 1);
      } else if (kind === 3) {
        lines.push(`${pad}${key}:`);
        for (let j = 0; j < 1 + Math.floor(random() * 3); j++) {
          lines.push(`${pad}  -`);
          mapping(indent + 4, depth + 1);
        }
      } else lines.push(`${pad}${key}: {${pick(KEYS)}: ${pick(SCALARS)}, ${pick(KEYS)}: [${pick(SCALARS)}, {${pick(KEYS)}: 1}]}`);
    }
  };
  const documents = [];
  for (let i = 0; i < count; i++) {
    lines.length = 0;
    mapping(0, 0);
    documents.push(lines.join('\n') + '\n');
  }
  return documents;
}

test('random documents: the same parse as Spectral then plain objects, most of them parsed plainly', () => {
  let plainly = 0;
  const documents = randomDocuments(400, 20261205);
  documents.forEach((text, i) => {
    assertSameParse(text, `random document ${i}:\n${text}`);
    if (parsedPlainly(text) !== undefined) plainly++;
  });
  // Repeated keys send some to Spectral's parse; the rest must not be (else this compares Spectral with itself).
  assert.ok(plainly > documents.length / 3, `${plainly} of ${documents.length} parsed plainly`);
});

test('random documents broken as typing breaks them: the same parse, diagnostics included', () => {
  const random = prng(7);
  let broken = 0;
  for (const text of randomDocuments(300, 424242)) {
    // Delete a character, or insert one of those that break YAML, at a random place.
    const at = Math.floor(random() * text.length);
    const edit = random() < 0.5 ? '' : ['"', ':', '\t', ' ', '{', '[', '-', '\n', "'"][Math.floor(random() * 9)];
    const typed = text.slice(0, at) + edit + text.slice(edit === '' ? at + 1 : at);
    assertSameParse(typed, `broken document:\n${typed}`);
    if (Yaml.parse(typed).diagnostics.some((d) => d.code !== 'YAMLIncompatibleValue')) broken++;
  }
  assert.ok(broken > 50, `${broken} of 300 with an error`);
});

function yamlFilesUnder(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const at = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...yamlFilesUnder(at));
    else if (/\.ya?ml$/.test(entry.name) && fs.statSync(at).size < 2_000_000) found.push(at);
  }
  return found;
}

test('real specs and every YAML fixture: the same parse; a real spec is parsed plainly', () => {
  const blockfrost = path.join(repoRoot, 'node_modules/@blockfrost/openapi/openapi.yaml');
  const files = [blockfrost, ...yamlFilesUnder(path.join(repoRoot, 'examples')), ...yamlFilesUnder(path.join(repoRoot, 'test/fixtures'))];
  assert.ok(files.length > 100, `${files.length} files`);
  for (const file of files) assertSameParse(fs.readFileSync(file, 'utf8'), path.relative(repoRoot, file));
  // Blockfrost's responses are keyed `200:`, `"400"` …: ordered objects made from the syntax tree, not Spectral's parse.
  const text = fs.readFileSync(blockfrost, 'utf8');
  const parsed = parsedPlainly(text);
  assert.ok(parsed, "Blockfrost's spec parsed plainly");
  assert.ok(
    orderedAt(parsed.data).some((at) => at.endsWith('/responses')),
    'its responses keep their text order',
  );
});

test("the walk uses the @stoplight/yaml and yaml-ast-parser Spectral's YAML parser runs on (the same installed copies)", () => {
  const spectralParsers = path.dirname(require.resolve('@stoplight/spectral-parsers/package.json'));
  const yaml = path.dirname(require.resolve('@stoplight/yaml/package.json'));
  assert.equal(require.resolve('@stoplight/yaml', { paths: [spectralParsers] }), require.resolve('@stoplight/yaml'));
  assert.equal(require.resolve('@stoplight/yaml-ast-parser', { paths: [yaml] }), require.resolve('@stoplight/yaml-ast-parser'));
});
