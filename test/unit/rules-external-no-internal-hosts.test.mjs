import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertRuleResults, engine, audienceMatrix, documentHead } from './rules-lint-helper.mjs';

import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const { internalHostReason, internalHostsIn } = loadTypeScriptModule('rulesets/exposure/lib/hosts.ts');

test('internal hosts: what is internal and what is not', () => {
  const internal = [
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '127.0.0.1',
    '169.254.169.254',
    '[::1]',
    'fd12:3456::1',
    'fe80::1',
    'localhost',
    'api.localhost',
    'orders.svc.cluster.local',
    'db.internal',
    'wiki.corp',
    'nas.lan',
    'portal.intranet',
    'printer.home.arpa',
  ];
  const external = [
    '8.8.8.8',
    '172.32.0.1',
    '11.0.0.1',
    'api.example.com',
    'orders.internal.example.com',
    'localhost.example.com',
    'corp.example.com',
    '{host}',
    '<your-host>',
    '0.0.0.0',
  ];
  for (const host of internal) assert.ok(internalHostReason(host), `${host} is internal`);
  for (const host of external) assert.equal(internalHostReason(host), undefined, `${host} may be public`);
});

test('internal hosts: found in URLs, localhost:port and bare private names; not in prose about hosts or data', () => {
  const hosts = (text, options) => internalHostsIn(text, options).map((m) => m.host);
  const table = [
    ['curl http://localhost:8080/v1/pets', ['localhost']],
    ['POST https://user:pw@10.0.3.7/api', ['10.0.3.7']],
    ['connect to localhost:5432 first', ['localhost']],
    ['"address": "192.168.210.120:80"', []],
    ['served by orders.svc.cluster.local.', ['orders.svc.cluster.local']],
    ['http://orders-service:8080/orders', ['orders-service']],
    ['Invalid hostnames like localhost are refused', []],
    ['allow 10.0.0.0/8 and 192.168.1.1', []],
    ['see application.local.yml and https://docs.example.com/guide.local', []],
    ['https://api.example.com/v1 and http://[::1]:3000/', ['[::1]']],
  ];
  for (const [text, expected] of table) assert.deepEqual(hosts(text), expected, text);
  assert.deepEqual(hosts('https://gw.dc1.acme.net/x and build-7.acme.net', { internalHosts: ['*.acme.net'] }), [
    'gw.dc1.acme.net',
    'build-7.acme.net',
  ]);
  assert.deepEqual(hosts('http://localhost:3000', { publicHosts: ['localhost'] }), []);
});

const cases = [
  {
    name: 'servers, info, externalDocs, tags, code samples and response examples of a partner API (3.0 YAML)',
    fixture: 'internal-hosts/cases-30.yaml',
    expected: [
      [
        ['info', 'description'],
        /^The internal host 'carriers\.staging\.corp' \(a \.corp name.*external readers of this document \(it has 2 external operations\)/,
      ],
      [['externalDocs', 'url'], /'wiki\.intranet'/],
      [
        ['servers', '1', 'url'],
        /'localhost' \(the local machine\).*external readers of POST \/labels \(external-partner, info\.x-audience\)/,
      ],
      [['tags', '0', 'description'], /'label-renderer\.svc\.cluster\.local' \(a \.local name/],
      [['paths', '/labels', 'post', 'x-codeSamples', '0', 'source'], /'10\.20\.3\.4' \(a private address\)/],
      [['paths', '/labels', 'post', 'responses', '201', 'content', 'application/json', 'example', 'self'], /'labels\.internal'/],
    ],
  },
  {
    name: 'Swagger 2.0 host and the OAuth URLs of a scheme external operations use (2.0 YAML)',
    fixture: 'internal-hosts/oas2.yaml',
    expected: [
      [['host'], /'identity\.local'/],
      [['securityDefinitions', 'oauth', 'authorizationUrl'], /'sso\.corp\.example\.lan'.*operations secured by 'oauth'/],
    ],
  },
  { name: 'an internal document may name internal hosts (3.1 JSON)', fixture: 'internal-hosts/internal-31.json', expected: [] },
];

for (const c of cases) {
  test(`external-no-internal-hosts: ${c.name}`, async () => {
    const results = await assertRuleResults(assert, { ...c, code: 'external-no-internal-hosts' });
    for (const r of results) assert.equal(r.severity, 'warn');
  });
}

test('external-no-internal-hosts: teams add internal host patterns and exempt public ones (x-exposure options)', async () => {
  const config = { internalHosts: ['*.example.net'], publicHosts: ['wiki.intranet', 'localhost'] };
  await assertRuleResults(assert, {
    fixture: 'internal-hosts/cases-30.yaml',
    code: 'external-no-internal-hosts',
    config,
    expected: [
      [['info', 'description'], /carriers\.staging\.corp/],
      [['tags', '0', 'description'], /label-renderer/],
      [['paths', '/labels', 'post', 'x-codeSamples', '0', 'source'], /10\.20\.3\.4/],
      [
        ['paths', '/labels', 'post', 'requestBody', 'content', 'application/json', 'example', 'callbackUrl'],
        /'hooks\.partner\.example\.net' \(matches the internal host pattern \*\.example\.net\)/,
      ],
      [['paths', '/labels', 'post', 'responses', '201', 'content', 'application/json', 'example', 'self'], /labels\.internal/],
    ],
  });
});

test('external-no-internal-hosts: x-exposure.internalHosts in a ruleset file reaches the rule', async () => {
  const { workspace } = await import('./helpers/engine.mjs');
  const root = workspace({
    '.spectral.yaml': "extends: [api-exposure-lint:exposure]\nx-exposure:\n  internalHosts: ['*.dc1.acme.net']\n",
    'api.yaml':
      "openapi: 3.0.3\ninfo: { title: A, version: '1', x-audience: external-public }\nservers: [{ url: 'https://gw.dc1.acme.net/v1' }]\npaths:\n  /a: { get: { responses: { '200': { description: ok } } } }\n",
  });
  const linter = new engine.Linter(engine.createNodeHost());
  const { readFileSync } = await import('node:fs');
  const file = `${root}/api.yaml`;
  const result = await linter.lint({
    filePath: file,
    text: readFileSync(file, 'utf8'),
    trust: { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [root] },
    discoveryRoot: root,
    onRulesetError: 'throw',
  });
  const found = result.findings.filter((f) => f.code === 'external-no-internal-hosts');
  assert.deepEqual(
    found.map((f) => f.path.map(String)),
    [['servers', '0', 'url']],
  );
  assert.match(found[0].message, /'gw\.dc1\.acme\.net' \(matches the internal host pattern \*\.dc1\.acme\.net\)/);
});

test('external-no-internal-hosts: x-exposure options must be lists of strings (clear ruleset error)', () => {
  assert.throws(
    () => engine.preprocessRuleset('/r/.spectral.yaml', 'x-exposure:\n  internalHosts: corp.example.com\n', false),
    /x-exposure\.internalHosts must be a list of non-empty strings/,
  );
  const { config } = engine.preprocessRuleset(
    '/r/.spectral.yaml',
    "x-exposure:\n  publicHosts: ['docs.local']\n  internalErrorProperties: [debugId]\n",
    false,
  );
  assert.deepEqual(config, { publicHosts: ['docs.local'], internalErrorProperties: ['debugId'] });
});

// The audience matrix: an operation description naming a private address fails for external operations only.
const hostsDoc = (version, host) => ({
  doc: {
    ...documentHead(version, 'Orders'),
    paths: {
      '/orders': {
        get: { description: `Lists orders (backed by http://${host}:8080/orders).`, responses: { 200: { description: 'OK' } } },
      },
    },
  },
  op: ['paths', '/orders', 'get'],
  expected: [['paths', '/orders', 'get', 'description']],
});
audienceMatrix(assert, {
  code: 'external-no-internal-hosts',
  failing: (v) => hostsDoc(v, '10.20.0.14'),
  passing: (v) => hostsDoc(v, 'api.orders.example.com'),
});
