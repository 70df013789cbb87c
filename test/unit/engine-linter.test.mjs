import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { engine, workspace, lintFile, codes, trusted, EXTERNAL_API } from './helpers/engine.mjs';

const EXPOSURE = ['external-code-samples', 'external-oauth2', 'external-rate-limit'];

test('lints an external document with the built-in default ruleset', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API });
  const result = await lintFile(path.join(root, 'api.yaml'));
  assert.equal(result.isOpenApi, true);
  assert.equal(result.ruleset, engine.DEFAULT_RULESET_NAME);
  assert.deepEqual(codes(result).sort(), EXPOSURE);
  for (const f of result.findings) {
    assert.deepEqual(f.path, ['paths', '/items', 'get']);
    assert.equal(f.audience, 'external-public');
    assert.equal(f.audienceSource, 'info');
    assert.match(f.documentationUrl, /rulesets\/docs\/.+\.md$/);
    assert.equal(f.range.start.line, 14, 'ranges are 0-based: the operation key `get:` is on line 15');
  }
  assert.equal(result.operations.length, 1);
  assert.equal(result.operations[0].resolved.audience, 'external-public');
});

test('same findings for the same document in JSON', async () => {
  const yaml = await import('yaml');
  const root = workspace({ 'api.json': JSON.stringify(yaml.parse(EXTERNAL_API), null, 2) });
  const result = await lintFile(path.join(root, 'api.json'));
  assert.equal(result.format, 'json');
  assert.deepEqual(codes(result).sort(), EXPOSURE);
});

const notLinted = [
  ['docker-compose style YAML', 'services:\n  web:\n    image: nginx\n'],
  ['package.json style JSON', '{ "name": "x", "version": "1.0.0" }'],
  ['empty file', ''],
  ['binary junk', '\u0000\u0001\u0002PNG\u0000\uFFFD\uFFFD'],
];
for (const [name, text] of notLinted) {
  test(`not OpenAPI, nothing reported: ${name}`, async () => {
    const linter = new engine.Linter(engine.createNodeHost());
    const result = await linter.lint({ filePath: '/tmp/x.yaml', text, trust: trusted });
    assert.equal(result.isOpenApi, false);
    assert.deepEqual(result.findings, []);
  });
}

test('malformed YAML that is OpenAPI gets a parser finding with a range, not a crash', async () => {
  const linter = new engine.Linter(engine.createNodeHost());
  const text = 'openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n';
  const result = await linter.lint({ filePath: '/tmp/broken.yaml', text, trust: trusted });
  assert.equal(result.isOpenApi, true);
  const parser = result.findings.filter((f) => f.code === 'parser');
  assert.ok(parser.length > 0, codes(result).join());
  assert.ok(parser[0].range.start.line >= 2);
});

test('x-lint-ignore on an operation suppresses the named rules only', async () => {
  const text = EXTERNAL_API.replace(
    '      operationId: listItems\n',
    '      operationId: listItems\n      x-lint-ignore: [external-code-samples, { rule: external-rate-limit, reason: gateway }]\n',
  );
  const root = workspace({ 'api.yaml': text });
  const result = await lintFile(path.join(root, 'api.yaml'));
  assert.deepEqual(codes(result), ['external-oauth2']);
});

test('documents over the size limit are reported, not linted', async () => {
  const linter = new engine.Linter(engine.createNodeHost());
  const result = await linter.lint({
    filePath: '/tmp/big.yaml',
    text: EXTERNAL_API + '#'.repeat(2000),
    trust: trusted,
    maxDocumentSize: 1000,
  });
  assert.deepEqual(codes(result), ['document-too-large']);
  assert.match(result.findings[0].message, /over the 0\.0 MB limit|limit/);
});

test('the default audience applies when the document declares none; settings beat the ruleset', async () => {
  const text = EXTERNAL_API.replace('  x-audience: external-public\n', '');
  const root = workspace({
    'api.yaml': text,
    '.spectral.yaml': 'extends: [api-exposure-lint:recommended]\nx-exposure:\n  defaultAudience: external-partner\n',
  });
  const file = path.join(root, 'api.yaml');
  const fromRuleset = await lintFile(file);
  assert.equal(fromRuleset.operations[0].resolved.audience, 'external-partner');
  assert.equal(fromRuleset.operations[0].resolved.source, 'default');
  const fromSettings = await lintFile(file, { audience: { defaultAudience: 'company-internal' } });
  assert.equal(fromSettings.operations[0].resolved.audience, 'company-internal');
  assert.deepEqual(
    codes(fromSettings).filter((c) => c.startsWith('external-')),
    [],
    'internal operations get no external findings',
  );
});

test('$ref cycles do not hang and other results still appear', async () => {
  const text = EXTERNAL_API.replace(
    'components:\n',
    'components:\n  schemas:\n    A: { $ref: "#/components/schemas/B" }\n    B: { $ref: "#/components/schemas/A" }\n',
  );
  const root = workspace({ 'api.yaml': text });
  const result = await lintFile(path.join(root, 'api.yaml'));
  assert.ok(codes(result).includes('external-oauth2'));
});
