// Findings mark the smallest meaningful range: the key of the operation, object or property they are about
// (not its whole body), the value when the value is what is wrong, the first line of a sequence item, the first
// key for the document as a whole. Checked exactly on YAML and JSON fixtures, and through every CLI format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { engine, repoRoot, trusted, workspace } from './helpers/engine.mjs';

const fixtures = path.join(repoRoot, 'test/fixtures/ranges');
const RULESET = 'api-exposure-lint:recommended';

async function lintText(filePath, text) {
  return new engine.Linter(engine.createNodeHost()).lint({ filePath, text, rulesetFile: RULESET, trust: trusted });
}

/** [code, "line:char-line:char" (0-based), the text the range covers (first line only if it spans lines)]. */
function marks(result, text) {
  const lines = text.split(/\r?\n/);
  return result.findings.map(({ code, range: { start, end } }) => [
    code,
    `${start.line}:${start.character}-${end.line}:${end.character}`,
    start.line === end.line ? lines[start.line].slice(start.character, end.character) : `${lines[start.line].slice(start.character)}…`,
  ]);
}

const EXPECTED = {
  'api.yaml': [
    ['exposure-audience-declared', '2:0-2:4', 'info'],
    ['info-contact', '2:0-2:4', 'info'],
    ['info-description', '2:0-2:4', 'info'],
    ['oas3-schema', '5:2-5:9', 'license'], // a key with no value: the key
    ['exposure-audience-declared', '6:14-6:22', 'everyone'], // a wrong value: the value
    ['oas3-schema', '8:4-8:23', 'description: no url'], // a sequence item: its first line
    ['oas3-server-variables', '8:4-8:23', 'description: no url'],
    ['external-auth-responses', '12:4-12:7', 'get'],
    ['external-code-samples', '12:4-12:7', 'get'], // an operation: its key, not its 9-line body
    ['external-oauth2', '12:4-12:7', 'get'],
    ['external-rate-limit', '12:4-12:7', 'get'],
    ['external-code-samples', '21:4-21:10', '"post"'], // a quoted key of a flow mapping
    ['external-oauth2', '21:4-21:10', '"post"'],
    ['external-rate-limit', '21:4-21:10', '"post"'],
    ['path-keys-no-trailing-slash', '22:2-22:10', '/things/'], // a path item: its key
    ['external-credentials-onboarding', '36:4-36:7', 'key'], // a security scheme: its key
  ],
  'api.json': [
    ['exposure-audience-declared', '2:2-2:8', '"info"'],
    ['info-contact', '2:2-2:8', '"info"'],
    ['info-description', '2:2-2:8', '"info"'],
    ['oas3-schema', '5:15-5:19', 'null'], // JSON writes the missing value: it is the value that is wrong
    ['exposure-audience-declared', '6:18-6:28', '"everyone"'],
    ['oas3-schema', '9:4-9:5', '{'],
    ['oas3-server-variables', '9:4-9:5', '{'],
    ['external-auth-responses', '16:6-16:11', '"get"'],
    ['external-code-samples', '16:6-16:11', '"get"'],
    ['external-oauth2', '16:6-16:11', '"get"'],
    ['external-rate-limit', '16:6-16:11', '"get"'],
    ['external-code-samples', '33:6-33:12', '"post"'],
    ['external-oauth2', '33:6-33:12', '"post"'],
    ['external-rate-limit', '33:6-33:12', '"post"'],
    ['path-keys-no-trailing-slash', '46:4-46:14', '"/things/"'],
    ['external-credentials-onboarding', '74:6-74:11', '"key"'],
  ],
};

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`findings mark keys and values, not whole blocks: ${file}`, async () => {
    const filePath = path.join(fixtures, file);
    const text = readFileSync(filePath, 'utf8');
    const result = await lintText(filePath, text);
    assert.deepEqual(marks(result, text), expected);
  });
}

const ROOT_AND_LINE_ENDINGS = [
  {
    name: 'YAML root finding: the first key',
    file: 'root.yaml',
    text: "# comment\nopenapi: 3.0.3\ninfo: { title: t, version: '1', description: d, contact: { name: n }, x-audience: company-internal }\npaths: {}\ntags: []\n",
    expected: [['oas3-api-servers', '1:0-1:7', 'openapi']],
  },
  {
    name: 'JSON root finding: the first key',
    file: 'root.json',
    text: '{\n  "openapi": "3.0.3",\n  "info": { "title": "t", "version": "1", "description": "d", "contact": { "name": "n" }, "x-audience": "company-internal" },\n  "paths": {}\n}\n',
    expected: [['oas3-api-servers', '1:2-1:11', '"openapi"']],
  },
  {
    name: 'CRLF line endings: same lines and columns',
    file: 'crlf.yaml',
    text: "openapi: 3.0.3\r\ninfo: { title: t, version: '1', description: d, contact: { name: n }, x-audience: external-public }\r\nservers: [{ url: 'https://x.example.com' }]\r\npaths:\r\n  /a:\r\n    get:\r\n      operationId: a\r\n      description: d\r\n      tags: [a]\r\n      security: [{ oauth: [a:read] }]\r\n      x-codeSamples: [{ lang: Shell, source: curl https://x.example.com/a }]\r\n      responses:\r\n        '200': { description: ok, headers: { RateLimit: { schema: { type: string } } } }\r\ntags: [{ name: a, description: d }]\r\ncomponents:\r\n  securitySchemes:\r\n    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://x.example.com/t', scopes: { 'a:read': r } } } }\r\n",
    expected: [
      ['external-auth-responses', '5:4-5:7', 'get'],
      ['external-rate-limit', '5:4-5:7', 'get'],
      ['external-credentials-onboarding', '16:4-16:9', 'oauth'],
    ],
  },
];

for (const { name, file, text, expected } of ROOT_AND_LINE_ENDINGS) {
  test(name, async () => {
    const root = workspace({ [file]: text });
    const result = await lintText(path.join(root, file), text);
    assert.deepEqual(marks(result, text), expected);
  });
}

test('a syntax error keeps the parser position', async () => {
  const text = 'openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n';
  const result = await lintText('/tmp/broken.yaml', text);
  const parser = result.findings.filter((f) => f.code === 'parser');
  assert.ok(parser.length > 0);
  for (const finding of parser) assert.ok(finding.range.start.line >= 2, JSON.stringify(finding.range));
});

test('operations span their key and body: hover and CodeLens answer on the `get:` line', async () => {
  const filePath = path.join(fixtures, 'api.yaml');
  const result = await lintText(filePath, readFileSync(filePath, 'utf8'));
  const get = result.operations.find((op) => op.method === 'get' && op.path === '/items');
  assert.deepEqual(get.range, { start: { line: 12, character: 4 }, end: { line: 20, character: 25 } });
  const json = await lintText(path.join(fixtures, 'api.json'), readFileSync(path.join(fixtures, 'api.json'), 'utf8'));
  const jsonGet = json.operations.find((op) => op.method === 'get' && op.path === '/items');
  assert.deepEqual(jsonGet.range.start, { line: 16, character: 6 });
});

test('the CLI reports the same key range in every format: stylish line:column, SARIF, GitHub and GitLab', async () => {
  const { spawnSync } = await import('node:child_process');
  const cli = (format) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), '--format', format, '--ruleset', RULESET, 'api.yaml'], {
      cwd: fixtures,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    }).stdout;
  // external-oauth2 on `    get:` (line 13, columns 5–7, 1-based): the key, not lines 13–21.
  assert.match(cli('stylish'), /^\s*13:5\s+error\s+.*external-oauth2/m);
  assert.match(cli('github'), /^::error file=api\.yaml,line=13,col=5,endLine=13,endColumn=8,title=external-oauth2::/m);
  const sarif = JSON.parse(cli('sarif'));
  const oauth = sarif.runs[0].results.find((r) => r.ruleId === 'external-oauth2');
  assert.deepEqual(oauth.locations[0].physicalLocation.region, { startLine: 13, startColumn: 5, endLine: 13, endColumn: 8 });
  const gitlab = JSON.parse(cli('gitlab'));
  assert.equal(gitlab.find((r) => r.check_name === 'external-oauth2').location.lines.begin, 13);
});
