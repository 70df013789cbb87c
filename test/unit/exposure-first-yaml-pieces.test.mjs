// The exposure-first pass parses YAML in pieces and reuses unchanged pieces across keystrokes
// (server/src/engine/exposure-first/yaml-chunks.ts). Whatever it parses must equal one parse of the whole text
// by Spectral's parser: the same data (values, types, key order) and, for every node, the range a finding there
// gets and the key-and-body range an operation there gets. Documents it cannot cut must say so (undefined), and
// never give something else. Checked on real specs, on YAML written in awkward ways, and along edit sequences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';
import { pathsOf } from './helpers/paths-of.mjs';
import { ordered } from './helpers/ordered-data.mjs';
import { repoRoot } from './helpers/engine.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';
import { parse, stringify } from 'yaml';

const require = createRequire(import.meta.url);
const spectralBundling = { mainFields: ['module', 'main'] };
const { parseYamlInPieces } = loadTypeScriptModule('server/src/engine/exposure-first/yaml-chunks.ts', spectralBundling);
const { createDocument } = loadTypeScriptModule('server/src/engine/document.ts', spectralBundling);
const { documentLocator } = loadTypeScriptModule('server/src/engine/exposure-first/locators.ts', spectralBundling);

/** Every node's path, plus paths that do not exist (under a node, past a scalar). */
function pathsAndMissing(data) {
  const paths = pathsOf(data);
  return [...paths, ...paths.filter((_, i) => i % 5 === 0).map((p) => [...p, 'no-such-key'])];
}

/** Asserts the pieces give what a whole parse gives; returns the parse in pieces (undefined: not cut). */
function assertSameAsWhole(text, file, previous = new Map(), { mustCut = false } = {}) {
  const pieces = parseYamlInPieces(text, file, previous);
  if (mustCut) assert.ok(pieces, `${file}: the document is cut into pieces`);
  if (!pieces) return undefined;
  const whole = createDocument(text, file, 'yaml');
  assert.equal(whole.diagnostics.length, 0, `${file}: the pieces parsed a text the whole parser reports problems in`);
  assert.deepEqual(ordered(pieces.data), ordered(whole.data), `${file}: same data, same key order`);
  const paths = pathsAndMissing(whole.data);
  assert.deepEqual(
    pieces.locator.findingRanges(paths),
    documentLocator(whole).findingRanges(paths),
    `${file}: the range of a finding at each path`,
  );
  const operations = paths.filter((p) => p[0] === 'paths' && p.length === 3);
  const mapped = pieces.locator.operationRanges(operations);
  if (mapped) assert.deepEqual(mapped, documentLocator(whole).operationRanges(operations), `${file}: operations' ranges`);
  return pieces;
}

const REAL = {
  'blockfrost openapi.yaml (real, npm)': require.resolve('@blockfrost/openapi/openapi.yaml'),
  'inventory-business-unit.yaml': path.join(repoRoot, 'test/fixtures/real-world/inventory-business-unit.yaml'),
  'catalog-mixed-leaky.yaml': path.join(repoRoot, 'test/fixtures/real-world/catalog-mixed-leaky.yaml'),
  'weather-public-swagger2.yaml': path.join(repoRoot, 'test/fixtures/real-world/weather-public-swagger2.yaml'),
  'petstore-external.yaml': path.join(repoRoot, 'examples/petstore-external.yaml'),
};

for (const [name, file] of Object.entries(REAL)) {
  test(`${name}: pieces give the whole parse's data and ranges`, { timeout: 300_000 }, () => {
    const pieces = assertSameAsWhole(readFileSync(file, 'utf8'), file, new Map(), { mustCut: name.startsWith('blockfrost') });
    if (name.startsWith('blockfrost')) assert.ok(pieces.pieces.size > 100, 'a big spec is cut into many pieces');
  });
}

test('a generated 300 KB spec written out again without anchors (block style): pieces give the whole parse', { timeout: 300_000 }, () => {
  const data = parse(generateSpec({ targetBytes: 300_000, seed: 11 }).text);
  assertSameAsWhole(stringify(data, { aliasDuplicateObjects: false }), '/tmp/generated.yaml', new Map(), { mustCut: true });
});

test('a spec with anchors and aliases (the generated one) is not cut: the whole parse and its alias-bomb guard answer', () => {
  assert.equal(parseYamlInPieces(generateSpec({ targetBytes: 100_000, seed: 11 }).text, '/tmp/generated.yaml', new Map()), undefined);
});

// Padding that makes an entry big enough to be cut (pieces are only cut above a few KB).
const filler = (indent, n = 60) =>
  Array.from({ length: n }, (_, i) => `${' '.repeat(indent)}x-filler-${i}: "${'lorem ipsum '.repeat(3)}"`).join('\n');
const op = (method, extra = '') => `    ${method}:\n      summary: S\n${extra}      responses:\n        '200': { description: OK }\n`;
const AWKWARD = {
  'a compact sequence at the root (tags then "- name" at column 0)': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\ntags:\n- name: a\n- name: b\npaths:\n  /a:\n${op('get')}${filler(2)}\n`,
  'comments at column 0 inside blocks, blank lines, a leading ---': `---\n# top\nopenapi: 3.0.3\ninfo:\n  title: t\n# a comment at column 0\n  version: '1'\npaths:\n\n  /a:\n${op('get')}# between path items\n  /b:\n${op('post')}${filler(2)}\n`,
  'block scalars with blank lines and less-indented comments': `openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  description: |\n    line one\n\n    line three\n  x-notes: >-\n    folded\n    text\npaths:\n  /a:\n    get:\n      description: |\n        multi\n\n        line\n      responses:\n        '200': { description: OK }\n${filler(2)}\n`,
  'quoted keys, keys with colons and spaces': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  "/a/{id}":\n${op('get')}  '/b: c':\n${op('put')}  /c d:\n${op('delete')}${filler(2)}\n`,
  'numeric keys out of order (ordered objects kept)': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '500': { description: E }\n        '200': { description: OK }\n        default: { description: D }\n        '404': { description: N }\n${filler(2)}\ncomponents:\n  responses:\n    '429': { description: T }\n    '400': { description: B }\n${filler(4)}\n`,
  'CRLF line endings': `openapi: 3.0.3\r\ninfo:\r\n  title: t\r\n  version: '1'\r\npaths:\r\n  /a:\r\n    get:\r\n      responses:\r\n        '200':\r\n          description: OK\r\n${filler(2).replace(/\n/g, '\r\n')}\r\n`,
  'a flow mapping spanning lines inside an entry': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {\n      summary: S,\n      responses: {'200': {description: OK}}\n    }\n${filler(2)}\n`,
  'a multi-line quoted string continued at the key indentation': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      description: "one\n      two"\n      responses:\n        '200': { description: OK }\n${filler(2)}\n`,
  'a mapping under a sequence item, and a nested sequence at key level': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://a.example.com\n    description: A\n  - url: https://b.example.com\nsecurity:\n- oauth: [read]\npaths:\n  /a:\n    parameters:\n    - name: x\n      in: query\n${op('get')}${filler(2)}\n`,
  'a key with no value, null and ~': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-empty:\nx-null: null\nx-tilde: ~\npaths:\n  /a:\n    x-nothing:\n${op('get')}${filler(2)}\n`,
  'keys that read as other types (true, 1.0, 010)': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${op('get')}x-odd:\n  true: yes\n  1.0: one\n  010: eight\n${filler(2)}\n`,
  'unicode and tabs inside values': `openapi: 3.0.3\ninfo:\n  title: "Grüße \t😀"\n  version: '1'\npaths:\n  /ü:\n${op('get')}${filler(2)}\n`,
  'no trailing newline': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${op('get')}${filler(2)}`,
};

for (const [name, text] of Object.entries(AWKWARD)) {
  test(`YAML with ${name}: pieces give the whole parse, or decline`, () => {
    assertSameAsWhole(text, '/tmp/awkward.yaml');
  });
}

const DECLINED = {
  'anchors and aliases': `openapi: 3.0.3\ninfo: &i {title: t, version: '1'}\nx-copy: *i\npaths:\n  /a:\n${op('get')}${filler(2)}\n`,
  'duplicate root keys': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n${op('get')}${filler(2)}\ninfo: {title: u, version: '2'}\n`,
  'two documents': `openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n---\nother: 1\n`,
  'a %YAML directive': `%YAML 1.2\n---\nopenapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n`,
  'a flow mapping at the root': `{openapi: 3.0.3, info: {title: t, version: '1'},\n paths: {}}\n`,
  'broken YAML': `openapi: 3.0.3\ninfo: {title: t, version: '1'\npaths:\n  /a:\n${op('get')}${filler(2)}\n`,
};

for (const [name, text] of Object.entries(DECLINED)) {
  test(`YAML with ${name}: not cut (the whole parse answers)`, () => {
    assert.equal(parseYamlInPieces(text, '/tmp/declined.yaml', new Map()), undefined);
  });
}

test('along an edit sequence, reused pieces give what a fresh whole parse gives after every edit', { timeout: 300_000 }, () => {
  const file = require.resolve('@blockfrost/openapi/openapi.yaml');
  let text = readFileSync(file, 'utf8');
  let previous = assertSameAsWhole(text, file, new Map(), { mustCut: true }).pieces;
  const at = (needle) => {
    const index = text.indexOf(needle);
    assert.ok(index > 0, needle);
    return index;
  };
  const edits = [
    [
      'type in a description',
      () => {
        const i = at('description:') + 'description:'.length;
        text = `${text.slice(0, i)} x${text.slice(i)}`;
      },
    ],
    [
      'add a path item',
      () => {
        const i = at('\npaths:\n') + '\npaths:\n'.length;
        text = `${text.slice(0, i)}  /new-path:\n    get:\n      responses:\n        '200':\n          description: OK\n${text.slice(i)}`;
      },
    ],
    [
      'break a line (unclosed flow)',
      () => {
        const i = at('/new-path:');
        text = `${text.slice(0, i)}/new-path: [\n${text.slice(i + '/new-path:'.length + 1)}`;
      },
    ],
    [
      'mend it',
      () => {
        text = text.replace('/new-path: [\n', '/new-path:\n');
      },
    ],
    [
      'rename a schema',
      () => {
        const i = at('\n    ') + 1;
        text = `${text.slice(0, i)}${text.slice(i)}`;
        text = text.replace('components:\n  schemas:\n', 'components:\n  schemas:\n    x_added:\n      type: string\n');
      },
    ],
    [
      'remove the added path item',
      () => {
        text = text.replace("  /new-path:\n    get:\n      responses:\n        '200':\n          description: OK\n", '');
      },
    ],
    [
      'indent a key wrongly',
      () => {
        text = text.replace('\nservers:\n', '\n servers:\n');
      },
    ],
    [
      'and back',
      () => {
        text = text.replace('\n servers:\n', '\nservers:\n');
      },
    ],
  ];
  for (const [name, edit] of edits) {
    edit();
    const pieces = parseYamlInPieces(text, file, previous);
    if (!pieces) {
      // Declined: only when the whole parser finds the text broken too.
      assert.ok(createDocument(text, file, 'yaml').diagnostics.length > 0, `${name}: declined a text the parser reads`);
      continue;
    }
    assertSameAsWhole(text, file, previous);
    previous = pieces.pieces;
  }
});
