// Hover and CodeLens list the requirements of an operation by what each rule module says it applies to (its
// audience kind, or the whole document), whatever the rule's code: exposure-servers-marked (neither external- nor
// internal-) is listed. A finding written outside the operation (a server, a security scheme) counts against the
// operations it concerns: an http root server fails external-https for the external operations it serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setup } from './helpers/client.mjs';

const engine = createRequire(import.meta.url)('../../dist/engine.js');

const MIXED = `openapi: 3.0.3
info: { title: Mixed, version: '1', description: Orders }
servers:
  - url: http://api.example.com
paths:
  /public:
    get:
      x-audience: external-public
      security: [{ key: [] }]
      responses:
        '200': { description: ok }
  /internal:
    get:
      x-audience: company-internal
      security: [{ key: [] }]
      responses:
        '200': { description: ok }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;

const lineOf = (text, needle, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length - 1;

async function openMixed(client, workspace) {
  await writeFile(workspace.file('mixed.yaml'), MIXED);
  const { uri, text } = await client.openFile(workspace.file('mixed.yaml'));
  await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  const publicGet = lineOf(text, '    get:', text.indexOf('/public'));
  const internalGet = lineOf(text, '    get:', text.indexOf('/internal'));
  return { uri, publicGet, internalGet };
}

const hoverText = async (client, uri, line) =>
  (await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } })).contents.value;
const marks = (text) => Object.fromEntries([...text.matchAll(/^- ([✓✗]) \[`([^`]+)`\]/gm)].map(([, mark, code]) => [code, mark]));

// Which rules hover lists, from the registry: those about the operation's kind, then those about the document.
const rulesFor = (kind) =>
  engine
    .installedRules()
    .filter((rule) => rule.appliesTo === kind || rule.appliesTo === 'document')
    .map((rule) => rule.code);

test('hover lists every requirement that applies, document rules included, with findings written elsewhere counted', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri, publicGet, internalGet } = await openMixed(client, workspace);

  const external = marks(await hoverText(client, uri, publicGet));
  assert.deepEqual(Object.keys(external).sort(), rulesFor('external').sort());
  assert.ok(Object.keys(external).includes('exposure-servers-marked'), "neither external- nor internal-: listed by its module's appliesTo");
  assert.deepEqual(Object.fromEntries(Object.entries(external).filter(([code]) => SEEN_EXTERNAL[code])), SEEN_EXTERNAL);

  const internal = marks(await hoverText(client, uri, internalGet));
  assert.deepEqual(Object.keys(internal).sort(), rulesFor('internal').sort());
  assert.deepEqual(internal, {
    'exposure-audience-declared': '✓',
    'internal-permission-scopes': '✓', // an API key needs no scopes
    'internal-no-public-servers': '✓',
    'exposure-servers-marked': '✗', // the same root server serves it
  });
});

/** What the external operation of MIXED shows for the rules this test is about. */
const SEEN_EXTERNAL = {
  'exposure-audience-declared': '✓',
  'external-oauth2': '✗',
  'external-https': '✗', // the root server, written outside the operation
  'external-auth-responses': '✗',
  'external-credentials-onboarding': '✗', // the security scheme, in components
  'external-deprecation-sunset': '✓',
  'exposure-servers-marked': '✗', // the root server, which also serves an internal operation
};

test('the CodeLens lists the summarised requirements always and any other only when it fails, by code', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri, publicGet, internalGet } = await openMixed(client, workspace);
  const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })).map((l) => [
    l.range.start.line,
    l.command.title,
  ]);
  assert.deepEqual(
    lenses.map(([line]) => line),
    [publicGet, internalGet],
  );
  const [external, internal] = lenses.map(([, title]) => title.split(' · '));
  assert.deepEqual(external.slice(0, 2), ['external-public', 'from operation x-audience']);
  assert.match(external[2], /^OAuth ✗ rate limit ✗ samples ✗ /);
  for (const code of ['external-https', 'external-auth-responses', 'external-credentials-onboarding', 'exposure-servers-marked'])
    assert.ok(external[2].includes(`${code} ✗`), code);
  assert.doesNotMatch(external[2], /external-deprecation-sunset|✓/, 'met requirements without a summary are left out');
  assert.deepEqual(internal, ['company-internal', 'from operation x-audience', 'scopes ✓ exposure-servers-marked ✗']);
});
