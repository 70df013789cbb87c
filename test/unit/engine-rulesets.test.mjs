import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import http from 'node:http';
import { engine, workspace, lintFile, codes, trusted, untrusted, EXTERNAL_API } from './helpers/engine.mjs';
import { startLoopbackProxy } from '../shared/loopback-proxy.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Ruleset } = require('@stoplight/spectral-core');

const INFO_TITLE_RULE = `  title-must-be-shop:
    given: $.info.title
    severity: warn
    then: { function: pattern, functionOptions: { match: "^Nope$" } }
`;

test('a local .spectral.yaml is discovered and extends built-in rulesets by name', async () => {
  const root = workspace({
    'apis/api.yaml': EXTERNAL_API,
    '.spectral.yaml': `extends: ["api-exposure-lint:exposure"]\nrules:\n${INFO_TITLE_RULE}`,
  });
  const result = await lintFile(path.join(root, 'apis/api.yaml'), { discoveryRoot: root });
  assert.equal(result.ruleset, path.join(root, '.spectral.yaml'));
  assert.deepEqual(codes(result).sort(), ['external-code-samples', 'external-oauth2', 'external-rate-limit', 'title-must-be-shop']);
});

test('the nearest ruleset wins, and discovery stops at the discovery root', async () => {
  const root = workspace({
    'outer/.spectral.yaml': 'extends: ["spectral:oas"]\n',
    'outer/repo/.spectral.json': JSON.stringify({ extends: ['api-exposure-lint:exposure'] }),
    'outer/repo/apis/v1/api.yaml': EXTERNAL_API,
    'outer/repo2/api.yaml': EXTERNAL_API,
  });
  const linter = new engine.Linter(engine.createNodeHost());
  assert.equal(
    await linter.rulesetFor({ filePath: path.join(root, 'outer/repo/apis/v1/api.yaml'), discoveryRoot: path.join(root, 'outer/repo') }),
    path.join(root, 'outer/repo/.spectral.json'),
  );
  assert.equal(
    await linter.rulesetFor({ filePath: path.join(root, 'outer/repo2/api.yaml'), discoveryRoot: path.join(root, 'outer/repo2') }),
    engine.DEFAULT_RULESET_NAME,
  );
  assert.equal(
    await linter.rulesetFor({ filePath: path.join(root, 'outer/repo2/api.yaml'), discoveryRoot: root }),
    path.join(root, 'outer/.spectral.yaml'),
  );
});

test('extends a local file and an npm package from the workspace node_modules', async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'node_modules/@acme/api-rules/package.json': JSON.stringify({ name: '@acme/api-rules', version: '1.0.0', main: 'ruleset.yaml' }),
    'node_modules/@acme/api-rules/ruleset.yaml': `rules:\n${INFO_TITLE_RULE}`,
    'shared/base.yaml': 'extends: [["api-exposure-lint:exposure", "off"]]\nrules:\n  external-oauth2: error\n',
    '.spectral.yaml': 'extends: ["./shared/base.yaml", "@acme/api-rules"]\n',
  });
  const result = await lintFile(path.join(root, 'api.yaml'));
  assert.deepEqual(codes(result).sort(), ['external-oauth2', 'title-must-be-shop']);
});

test('custom JS functions run in a trusted workspace and are skipped, with a note, in an untrusted one', async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'functions/mustHaveTermsOfService.js':
      "module.exports = (info) => info.termsOfService ? [] : [{ message: 'info.termsOfService is missing' }];\n",
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [mustHaveTermsOfService]\nrules:\n  terms:\n    given: $.info\n    severity: error\n    then: { function: mustHaveTermsOfService }\n',
  });
  const file = path.join(root, 'api.yaml');
  const withTrust = await lintFile(file, { trust: trusted });
  assert.ok(codes(withTrust).includes('terms'));
  assert.equal(withTrust.untrustedCodeSkipped, undefined);

  const withoutTrust = await lintFile(file, { trust: untrusted });
  assert.ok(!codes(withoutTrust).includes('terms'), 'the workspace function did not run');
  assert.ok(codes(withoutTrust).includes('external-oauth2'), 'built-in rules still run');
  assert.deepEqual(withoutTrust.untrustedCodeSkipped, ['custom functions mustHaveTermsOfService', 'rule terms']);
});

test('a JS ruleset is refused in an untrusted workspace: error, or fallback to the built-in ruleset', async () => {
  const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.js': 'module.exports = { rules: {} };\n' });
  const file = path.join(root, 'api.yaml');
  await assert.rejects(
    lintFile(file, { trust: untrusted }),
    (e) => e.name === 'RulesetLoadError' && /not trusted/.test(e.message) && e.rulesetFile.endsWith('.spectral.js'),
  );
  const fallback = await lintFile(file, { trust: untrusted, onRulesetError: 'fallback' });
  assert.equal(fallback.ruleset, engine.DEFAULT_RULESET_NAME);
  assert.match(fallback.rulesetError, /not trusted.*using the built-in/);
  const ok = await lintFile(file, { trust: trusted });
  assert.deepEqual(ok.findings, []);
});

const broken = [
  ['missing file', { rulesetFile: 'nope.yaml' }, {}, /file not found/],
  ['YAML syntax error', {}, { '.spectral.yaml': 'rules: [oops\n' }, /./],
  ['invalid rule', {}, { '.spectral.yaml': 'rules:\n  bad: { given: 1 }\n' }, /rules\.bad\.given/],
  ['unknown extends', {}, { '.spectral.yaml': 'extends: [./missing.yaml]\n' }, /missing\.yaml|not found|ENOENT/i],
  [
    'remote extends without permission',
    {},
    { '.spectral.yaml': 'extends: [https://rules.example.com/r.yaml]\n' },
    /remote ruleset .* not fetched/,
  ],
];
for (const [name, options, files, pattern] of broken) {
  test(`broken ruleset gives one clear error line: ${name}`, async () => {
    const root = workspace({ 'api.yaml': EXTERNAL_API, ...files });
    const rulesetFile = options.rulesetFile ? path.join(root, options.rulesetFile) : undefined;
    await assert.rejects(lintFile(path.join(root, 'api.yaml'), { rulesetFile }), (e) => {
      assert.equal(e.name, 'RulesetLoadError');
      assert.match(e.message, pattern);
      assert.ok(!e.message.includes('\n'), 'one line');
      return true;
    });
  });
}

// Spectral names the function in what it says of wrong options; the bundle must say the same (esbuild renames colliding
// functions: truthy → truthy2, and minifying drops unused names).
const spectralFunctions = require('@stoplight/spectral-functions');
for (const name of Object.keys(spectralFunctions).filter((key) => typeof spectralFunctions[key] === 'function')) {
  test(`wrong options of Spectral's "${name}" function are reported as spectral lint reports them`, async () => {
    const expected = spectralMessagesFor({ given: '$', then: { function: spectralFunctions[name], functionOptions: { bogus: 1 } } });
    assert.ok(expected.length > 0 && expected.every((message) => message.includes(`"${name}" function`)), expected.join('; '));
    const root = workspace({
      'api.yaml': EXTERNAL_API,
      '.spectral.yaml': `rules:\n  wrong-options:\n    given: $.info\n    then: { function: ${name}, functionOptions: { bogus: 1 } }\n`,
    });
    await assert.rejects(lintFile(path.join(root, 'api.yaml')), (error) => {
      assert.equal(error.name, 'RulesetLoadError');
      for (const message of expected) assert.ok(error.message.includes(message), `${error.message}\nlacks: ${message}`);
      return true;
    });
  });
}

/** The messages a Spectral Ruleset (node_modules, not the bundle) throws for a ruleset with this one rule. */
function spectralMessagesFor(rule) {
  try {
    new Ruleset({ rules: { 'wrong-options': rule } });
  } catch (error) {
    return (error.errors ?? [error]).map((each) => each.message);
  }
  return [];
}

test('a rule function that throws is reported by name; the other results survive', async () => {
  const root = workspace({
    'api.yaml': EXTERNAL_API,
    'functions/boom.js': "module.exports = () => { throw new Error('kaboom'); };\n",
    '.spectral.yaml':
      'extends: ["api-exposure-lint:exposure"]\nfunctions: [boom]\nrules:\n  explodes:\n    given: $.info\n    then: { function: boom }\n',
  });
  const result = await lintFile(path.join(root, 'api.yaml'));
  const failure = result.findings.find((f) => f.code === 'rule-error');
  assert.ok(failure);
  assert.match(failure.message, /"explodes".*kaboom/);
  assert.ok(codes(result).includes('external-oauth2'));
});

test('ruleset audiences: x-exposure globs and overrides x-audience, relative to the ruleset file', async () => {
  const api = EXTERNAL_API.replace('  x-audience: external-public\n', '');
  const root = workspace({
    'apis/partner/api.yaml': api,
    'apis/internal/api.yaml': api,
    '.spectral.yaml':
      'extends: ["api-exposure-lint:recommended"]\nx-exposure:\n  audienceByGlob:\n    "apis/internal/**": component-internal\noverrides:\n  - files: ["apis/partner/**"]\n    x-audience: external-partner\n',
  });
  const partner = await lintFile(path.join(root, 'apis/partner/api.yaml'));
  assert.equal(partner.operations[0].resolved.audience, 'external-partner');
  assert.equal(partner.operations[0].resolved.source, 'glob');
  assert.match(partner.operations[0].resolved.detail, /apis\/partner/);
  const internal = await lintFile(path.join(root, 'apis/internal/api.yaml'));
  assert.equal(internal.operations[0].resolved.audience, 'component-internal');
});

test('the cache notices a changed ruleset file, and invalidate() forces a reload', async () => {
  const { writeFileSync } = await import('node:fs');
  const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.yaml': 'extends: [["api-exposure-lint:exposure", "off"]]\n' });
  const linter = new engine.Linter(engine.createNodeHost());
  const file = path.join(root, 'api.yaml');
  assert.deepEqual(codes(await lintFile(file, {}, linter)), []);
  writeFileSync(path.join(root, '.spectral.yaml'), 'extends: [["api-exposure-lint:exposure", "off"]]\nrules:\n  external-oauth2: error\n');
  linter.invalidate(path.join(root, '.spectral.yaml'));
  assert.deepEqual(codes(await lintFile(file, {}, linter)), ['external-oauth2']);
  assert.ok(linter.rulesetDependencies().includes(path.join(root, '.spectral.yaml')));
});

test('remote rulesets: refused by default, fetched over loopback when allowed', async () => {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    res.setHeader('Content-Type', 'application/yaml');
    res.end('extends: [["api-exposure-lint:exposure", "off"]]\nrules:\n  external-code-samples: error\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/team.yaml`;
    const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.yaml': `extends: ["${url}"]\n` });
    const file = path.join(root, 'api.yaml');
    await assert.rejects(lintFile(file), /not fetched/);
    assert.deepEqual(requests, [], 'no connection is made when remote rulesets are off');
    const result = await lintFile(file, { trust: { ...trusted, allowRemote: true } });
    assert.deepEqual(codes(result), ['external-code-samples']);
    assert.ok(requests.length > 0);
  } finally {
    server.close();
  }
});

test('$refs outside the allowed roots and remote $refs are reported, not read', async () => {
  const text = EXTERNAL_API.replace(
    '          description: OK\n',
    "          description: OK\n          content:\n            application/json:\n              schema: { $ref: '../outside.yaml#/Item' }\n        '201':\n          description: Created\n          content:\n            application/json:\n              schema: { $ref: 'http://127.0.0.1:9/remote.yaml#/Item' }\n",
  );
  const root = workspace({ 'ws/api.yaml': text, 'outside.yaml': 'Item: { type: string }\n' });
  const result = await lintFile(path.join(root, 'ws/api.yaml'), { trust: { ...trusted, allowedRoots: [path.join(root, 'ws')] } });
  const refs = result.findings
    .filter((f) => f.code === 'invalid-ref')
    .map((f) => f.message)
    .join('\n');
  assert.match(refs, /outside the workspace/);
  assert.match(refs, /remote \$ref .* not fetched/);
});

test('remote rulesets go through the proxy (HTTP_PROXY) and are cached per process', async () => {
  const served = [];
  const origin = http.createServer((req, res) => {
    served.push(req.url);
    res.setHeader('Content-Type', 'application/yaml');
    res.end('rules:\n  proxied-rule:\n    given: $.info\n    severity: warn\n    then: { field: x-proxied, function: truthy }\n');
  });
  const proxy = await startLoopbackProxy();
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  try {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    const url = `http://127.0.0.1:${origin.address().port}/proxied-team.yaml`;
    const root = workspace({ 'api.yaml': EXTERNAL_API, '.spectral.yaml': `extends: ["${url}"]\n` });
    const options = { trust: { ...trusted, allowRemote: true } };
    const first = await lintFile(path.join(root, 'api.yaml'), options);
    assert.deepEqual(codes(first), ['proxied-rule']);
    assert.equal(proxy.requests.length, 1, 'the request went through the proxy');
    assert.ok(url.includes(proxy.requests[0].replace(/^https?:\/\//, '').split('/')[0]));
    const servedBefore = served.length;
    await lintFile(path.join(root, 'api.yaml'), options); // a new Linter: only the process-wide cache can answer
    assert.equal(served.length, servedBefore, 'the second load was answered from the cache');
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    origin.close();
    proxy.close();
  }
});
