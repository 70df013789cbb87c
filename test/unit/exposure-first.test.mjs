// The exposure-first pass (what the editor shows within a keystroke) gives exactly the exposure findings
// of the complete lint — code, path, severity, message and range — or says it cannot, never something else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { engine, repoRoot, trusted, workspace, EXTERNAL_API } from './helpers/engine.mjs';
import { generateSpec } from '../bench/generate-spec.mjs';
import { parse, stringify } from 'yaml';

const require = createRequire(import.meta.url);
const linter = new engine.Linter(engine.createNodeHost());
// The operations a finding concerns too: hover, CodeLens and the inventory count early findings by them.
const concernsOf = (f) =>
  (f.concerns ?? [])
    .map((op) => `${op.method} ${op.path}`)
    .sort()
    .join(',');
const key = (f) =>
  `${f.code} ${JSON.stringify(f.path)} ${f.severity} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.audience ?? ''} ${f.message} [${concernsOf(f)}]`;
const exposureOf = (result) =>
  result.findings
    .filter((f) => engine.EXPOSURE_RULE_CODES.includes(f.code))
    .map(key)
    .sort();

async function bothPasses(filePath, text, extra = {}) {
  const options = { filePath, text, trust: trusted, timeoutMs: 600_000, ...extra };
  const early = await linter.lint({ ...options, exposureOnly: true });
  const complete = await linter.lint(options);
  return { early, complete };
}

const generated = generateSpec({ targetBytes: 80_000, seed: 5 }).text;
const blockfrostJson = () => JSON.stringify(parse(readFileSync(require.resolve('@blockfrost/openapi/openapi.yaml'), 'utf8')), null, 2);
const TWIN_OPERATION = `    get:
      description: ${'Lists things. '.repeat(160)}See http://build.corp/docs
      responses:
        '200':
          description: OK
        '401':
          description: Unauthorized
        '500':
          description: Error
          content:
            application/json:
              schema:
                type: object
                properties:
                  stackTrace:
                    type: string
`;
const TWIN_OPERATIONS = `openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n  x-audience: external-public\npaths:\n  /a:\n${TWIN_OPERATION}  /b:\n${TWIN_OPERATION}`;
// An external operation whose error response is shared through a $ref (concerns are noted where it is
// written) and whose schema has a property named `$ref` (JSON Schema's own schema does).
const REF_PROPERTY_API = EXTERNAL_API.replace(
  "        '200':\n          description: OK\n",
  "        '200':\n          description: OK\n        '400':\n          $ref: '#/components/responses/Bad'\n",
).replace(
  'components:\n',
  'components:\n  responses:\n    Bad:\n      description: Bad\n      content:\n        application/json:\n          schema:\n            type: object\n            properties:\n              $ref:\n                type: string\n              stackTrace:\n                type: string\n',
);
const CORPUS = {
  'blockfrost openapi.yaml (real, npm)': [require.resolve('@blockfrost/openapi/openapi.yaml')],
  'inventory-business-unit.yaml': [path.join(repoRoot, 'test/fixtures/real-world/inventory-business-unit.yaml')],
  'payments-partner.json': [path.join(repoRoot, 'test/fixtures/real-world/payments-partner.json')],
  // A real spec as JSON, big enough to be cut at every level the early pass cuts (json-pieces.ts).
  'blockfrost openapi.yaml written as JSON (real, npm)': [path.join(repoRoot, 'test/fixtures/blockfrost.json'), blockfrostJson()],
  'weather-public-swagger2.yaml': [path.join(repoRoot, 'test/fixtures/real-world/weather-public-swagger2.yaml')],
  'petstore-external.yaml': [path.join(repoRoot, 'examples/petstore-external.yaml')],
  'orders-internal.yaml': [path.join(repoRoot, 'examples/orders-internal.yaml')],
  'generated.yaml': [path.join(repoRoot, 'test/fixtures/generated.yaml'), generated],
  'generated.json (indented)': [path.join(repoRoot, 'test/fixtures/generated.json'), JSON.stringify(parse(generated), null, 2)],
  'generated.json (minified, CRLF-free one line)': [
    path.join(repoRoot, 'test/fixtures/generated-min.json'),
    JSON.stringify(parse(generated)),
  ],
  // Written out again without anchors: block style, cut into pieces by the early pass (yaml-chunks.ts).
  'generated.yaml without anchors (parsed in pieces)': [
    path.join(repoRoot, 'test/fixtures/generated-pieces.yaml'),
    stringify(parse(generated), { aliasDuplicateObjects: false }),
  ],
  // As on GitHub's spec: an internal host in an example that a $ref brings in (Spectral reports it where the example is written).
  'a finding under a $ref in the middle of its path': [
    path.join(repoRoot, 'test/fixtures/ref-example.yaml'),
    EXTERNAL_API.replace(
      "        '200':\n          description: OK\n",
      "        '200':\n          description: OK\n          content:\n            application/json:\n              examples:\n                one: { $ref: '#/components/examples/One' }\n",
    ).replace('components:\n', 'components:\n  examples:\n    One:\n      value: { self: http://items.svc.cluster.local/items/1 }\n'),
  ],
  // mist.com's "Example 1" and GitHub Enterprise's "$+ref" keys: Spectral reports the finding above the key.
  'a finding under a $ref, below a key that JSON pointers escape': [
    path.join(repoRoot, 'test/fixtures/escaped-key.yaml'),
    EXTERNAL_API.replace(
      "        '200':\n          description: OK\n",
      "        '200':\n          description: OK\n          content:\n            application/json:\n              schema: { $ref: '#/components/schemas/Edge' }\n",
    ).replace(
      'components:\n',
      "components:\n  schemas:\n    Edge:\n      type: object\n      x-examples:\n        Example 1:\n          proxy: { url: 'http://10.1.2.3:8080/' }\n        Example 2:\n          members: [{ $+ref: 'http://localhost/Groups/1' }]\n",
    ),
  ],
  // Two operations written alike, big enough to be parsed as pieces (quotes.rest): each keeps its own findings.
  'two operations with identical text (YAML, parsed in pieces)': [
    path.join(repoRoot, 'test/fixtures/twin-operations.yaml'),
    TWIN_OPERATIONS,
  ],
  // Kubernetes and GitHub Enterprise have schema properties named `$ref`: an object, not a reference.
  'a schema property named $ref (JSON)': [path.join(repoRoot, 'test/fixtures/ref-property.json'), JSON.stringify(parse(REF_PROPERTY_API))],
  'a schema property named $ref (YAML, block style)': [path.join(repoRoot, 'test/fixtures/ref-property.yaml'), REF_PROPERTY_API],
  // Microsoft Graph names paths ".../$ref": a path key, not a reference.
  'a path key ending in /$ref': [
    path.join(repoRoot, 'test/fixtures/graph-like.json'),
    JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'G', version: '1' },
      paths: { '/users/{id}/manager/$ref': { get: { responses: { 200: { description: 'OK' } } } } },
    }),
  ],
};

for (const [name, [file, given]] of Object.entries(CORPUS)) {
  test(`${name}: the early exposure findings equal the complete lint's`, { timeout: 300_000 }, async () => {
    const text = given ?? readFileSync(file, 'utf8');
    const { early, complete } = await bothPasses(file, text);
    assert.equal(early.phase, 'exposure');
    assert.equal(early.exposureUnavailable, undefined, 'plain documents get the early pass');
    assert.ok(exposureOf(complete).length > 0, 'the document has exposure findings, or the comparison proves nothing');
    assert.deepEqual(early.findings.map(key).sort(), exposureOf(complete));
    const op = (o) =>
      `${o.method} ${o.path} ${o.resolved.audience} ${o.range.start.line}:${o.range.start.character}-${o.range.end.line}:${o.range.end.character}`;
    assert.deepEqual(early.operations.map(op), complete.operations.map(op), 'operations and their ranges too (hover, CodeLens)');
  });
}

test('ruleset severities, overrides and disabled rules apply to the early pass as to the complete lint', async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    '.spectral.yaml':
      'extends: ["api-exposure-lint:recommended"]\nrules:\n  external-code-samples: error\n  external-rate-limit: off\noverrides:\n  - files: ["api.yaml#/paths/~1items/get"]\n    rules: { external-oauth2: info }\n',
  });
  const file = path.join(root, 'api.yaml');
  const { early, complete } = await bothPasses(file, EXTERNAL_API);
  assert.equal(early.exposureUnavailable, undefined);
  assert.deepEqual(early.findings.map(key).sort(), exposureOf(complete));
  assert.deepEqual(
    early.findings.map((f) => `${f.code}:${f.severity}`).sort(),
    ['exposure-audience-declared:warn', 'external-code-samples:error', 'external-oauth2:info'].filter((c) =>
      complete.findings.some((f) => `${f.code}:${f.severity}` === c),
    ),
  );
  const disabled = await linter.lint({
    filePath: file,
    text: EXTERNAL_API,
    trust: trusted,
    exposureOnly: true,
    disabledRules: ['external-oauth2'],
  });
  assert.ok(!disabled.findings.some((f) => f.code === 'external-oauth2'));
});

test('inline suppressions apply to the early pass', async () => {
  const text = EXTERNAL_API.replace(
    '      operationId: listItems\n',
    '      operationId: listItems\n      x-lint-ignore: [external-oauth2]\n',
  );
  const root = workspace({ 'api.yaml': text });
  const { early, complete } = await bothPasses(path.join(root, 'api.yaml'), text);
  assert.ok(!early.findings.some((f) => f.code === 'external-oauth2'));
  assert.deepEqual(early.findings.map(key).sort(), exposureOf(complete));
});

const UNAVAILABLE = {
  'a $ref to another file (Spectral would locate findings there)': (text) =>
    text.replace(
      "        '200':\n          description: OK\n",
      "        '200':\n          $ref: './common.yaml#/components/responses/Ok'\n",
    ),
  'an operation under a $ref': (text) =>
    text
      .replace('  /items:\n    get:\n', "  /items:\n    $ref: '#/components/pathItems/Items'\n  /other:\n    get:\n")
      .replace('components:\n', 'components:\n  pathItems:\n    Items:\n      get:\n        responses: { "200": { description: OK } }\n'),
  'YAML Spectral parses with errors': (text) => text + '\n  bad: [unclosed\n',
  'JSON with comments': () => '{ "openapi": "3.0.3", // comment\n "info": { "title": "x", "version": "1" }, "paths": {} }',
};

for (const [name, edit] of Object.entries(UNAVAILABLE)) {
  test(`no early answer for ${name}; the complete lint still runs`, async () => {
    const text = edit(EXTERNAL_API);
    const file = name.startsWith('JSON') ? 'api.json' : 'api.yaml';
    const root = workspace({ [file]: text, 'common.yaml': 'components:\n  responses:\n    Ok: { description: OK }\n' });
    const early = await linter.lint({ filePath: path.join(root, file), text, trust: trusted, exposureOnly: true });
    assert.equal(early.phase, 'exposure');
    assert.equal(early.exposureUnavailable, true);
    assert.deepEqual(early.findings, []);
  });
}

// Typing in a spec parsed in pieces (YAML: yaml-chunks.ts, JSON: json-pieces.ts): one long-lived linter, as in
// the language server's worker, reuses the pieces of the previous text. Each edit, and whether its text parses.
const TYPING = {
  'YAML (generated, block style)': {
    file: path.join(repoRoot, 'test/fixtures/typing-pieces.yaml'),
    text: () => stringify(parse(generated), { aliasDuplicateObjects: false }),
    edits: [
      [(t) => t.replace(/description: ([A-Z])/, 'description: x$1'), true],
      [
        (t) =>
          t.replace(
            '\npaths:\n',
            "\npaths:\n  /added:\n    get:\n      x-audience: external-public\n      responses:\n        '200':\n          description: OK\n",
          ),
        true,
      ],
      [(t) => t.replace('/added:\n    get:\n', '/added:\n    get: [\n'), false],
      [(t) => t.replace('/added:\n    get: [\n', '/added:\n    get:\n'), true],
      [(t) => t.replace(/x-audience: external-public/, 'x-audience: company-internal'), true],
    ],
  },
  'JSON (blockfrost, real)': {
    file: path.join(repoRoot, 'test/fixtures/typing-pieces.json'),
    text: blockfrostJson,
    edits: [
      [(t) => t.replace(/"description": "([A-Z])/, '"description": "x$1'), true],
      [
        (t) =>
          t.replace(
            '"paths": {\n',
            '"paths": {\n    "/added": { "get": { "x-audience": "external-public", "responses": { "200": { "description": "OK" } } } },\n',
          ),
        true,
      ],
      [(t) => t.replace('"/added": { "get": {', '"/added": { "get": {,'), false],
      [(t) => t.replace('"/added": { "get": {,', '"/added": { "get": {'), true],
      [(t) => t.replace('"x-audience": "external-public", "responses"', '"x-audience": "company-internal", "responses"'), true],
      // A $ref target edited: the error response operations share leaks internals, then no longer does.
      [
        (t) =>
          t.replace(
            /("500": \{\n\s+"description": "[^"]*",\n\s+"content": \{\n\s+"application\/json": \{\n\s+"schema": \{\n\s+"type": "object",\n\s+"properties": \{)/,
            '$1\n                "stackTrace": { "type": "string" },',
          ),
        true,
      ],
      [(t) => t.replace('\n                "stackTrace": { "type": "string" },', ''), true],
      // A security scheme renamed where it is defined: operations that require it change their findings.
      [(t) => t.replace(/"securitySchemes": \{\n(\s+)"([^"]+)"/, '"securitySchemes": {\n$1"renamed-$2"'), true],
    ],
  },
};

for (const [name, { file, text: initial, edits }] of Object.entries(TYPING)) {
  test(
    `typing in a spec parsed in pieces, ${name}: after every edit the early findings equal a complete lint of that text`,
    { timeout: 600_000 },
    async () => {
      const typing = new engine.Linter(engine.createNodeHost());
      let text = initial();
      let compared = 0;
      for (const [edit, parses] of edits) {
        const edited = edit(text);
        assert.notEqual(edited, text, `the edit ${edit} applies`);
        text = edited;
        const early = await typing.lint({ filePath: file, text, trust: trusted, timeoutMs: 600_000, exposureOnly: true });
        const complete = await new engine.Linter(engine.createNodeHost()).lint({
          filePath: file,
          text,
          trust: trusted,
          timeoutMs: 600_000,
        });
        if (!parses) {
          assert.ok(early.exposureUnavailable, 'no early answer for a text that does not parse');
          assert.ok(
            complete.findings.some((f) => f.code === 'parser'),
            'no early answer only for text Spectral cannot parse',
          );
          continue;
        }
        assert.equal(early.exposureUnavailable, undefined, `an early answer after ${edit}`);
        assert.deepEqual(early.findings.map(key).sort(), exposureOf(complete));
        compared++;
      }
      assert.equal(compared, edits.filter(([, parses]) => parses).length);
    },
  );
}
