// The language server over stdio (node dist/server.js --stdio), fed every kind of hostile document:
// it survives all of them, answers each with diagnostics for that document and version only, and keeps
// serving a good document opened afterwards. Workspace code never runs untrusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as g from './helpers/generate.mjs';
import * as r from './helpers/rulesets.mjs';
import { CHILD_ENV, SERVER } from './helpers/cli.mjs';
import { TestClient, uriOf } from '../lsp/helpers/client.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const TIMEOUT = { timeout: 150_000 };
const DEADLINE_MS = 60_000;
const codes = (publish) => [...new Set(publish.diagnostics.map((d) => d.code))].sort();

async function startServer(t, workspaceDir, { args = [], settings = {} } = {}) {
  const child = spawn(process.execPath, [SERVER, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: CHILD_ENV });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const client = new TestClient(createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), {
    settings,
  });
  t.after(() => {
    client.dispose();
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  await client.initialize(workspaceDir);
  return {
    client,
    child,
    stderr: () => stderr,
    async stop() {
      await client.shutdown();
      await client.notify('exit');
      return exited;
    },
  };
}

/** Every publish names a document we opened, with a version we sent for it. */
function assertPublishesMatchVersions(client, sent) {
  for (const publish of client.publishes) {
    const versions = sent.get(publish.uri);
    assert.ok(versions, `diagnostics published for a document never opened: ${publish.uri}`);
    if (publish.version !== undefined)
      assert.ok(versions.includes(publish.version), `${publish.uri}: version ${publish.version} never sent (${versions})`);
  }
}

/** uri → [text, expected codes (subset) or 'silent' for files that are not OpenAPI]. */
function hostileDocuments(root) {
  const docs = {
    'alias-bomb.yaml': [g.aliasBomb(), ['document-too-complex']],
    'deep.json': [g.deepJson(10_000), ['document-too-complex']],
    'deep-flow.yaml': [g.deepYamlFlow(10_000), ['document-too-complex']],
    'deep-block.yaml': [g.deepYamlBlock(10_000), ['document-too-complex']],
    'oversized.yaml': [g.oversizedSpec(55_000_000), ['document-too-large']],
    // Seconds of CPU to lint in full (~2 s here since yaml-locations.ts): over the 1 s budget the server is given below.
    'large.yaml': [g.largeSpec(3_000_000), ['lint-timeout']],
    'unclosed.yaml': [g.MALFORMED['unclosed-flow.yaml'], ['parser']],
    'truncated.json': [g.MALFORMED['truncated.json'], ['parser']],
    'nul.yaml': [g.specWith('x-nul: "a\u0000b"\n') + '\u0000\u0001\u0002', []],
    'junk.yaml': [g.junkBytes(4096, { withNul: false }).toString('latin1'), 'silent'],
    'escapes.yaml': [
      g.specWith(
        "components:\n  schemas:\n    A: { $ref: '../../../../../../../../etc/passwd' }\n    B: { $ref: 'file:///dev/zero' }\n    C: { $ref: 'http://127.0.0.1:9/x.yaml' }\n",
      ),
      ['invalid-ref'],
    ],
    'cycle.yaml': [
      g.specWith("components:\n  schemas:\n    A: { $ref: '#/components/schemas/B' }\n    B: { $ref: '#/components/schemas/A' }\n"),
      [],
    ],
    'compose.yaml': [g.NOT_OPENAPI['docker-compose.yaml'], 'silent'],
    ...Object.fromEntries(Object.entries(g.unicodeVariants()).map(([file, text]) => [file, [text, [g.GOOD_CODE]]])),
  };
  return Object.entries(docs).map(([file, [text, expected]]) => ({ uri: uriOf(root.file(file)), file, text, expected }));
}

test('the stdio server survives every hostile document, answers each for the right version, then serves a good one', TIMEOUT, async (t) => {
  const root = await g.fixtureRoot({});
  t.after(() => root.remove());
  const server = await startServer(t, root.dir, { settings: { lintTimeoutMs: 1000 } });
  const { client } = server;
  const sent = new Map();
  const open = async (uri, text, languageId) => {
    sent.set(uri, [1]);
    await client.open(uri, text, languageId);
  };

  const docs = hostileDocuments(root);
  for (const doc of docs) await open(doc.uri, doc.text, doc.file.endsWith('.json') ? 'json' : 'yaml');
  for (const doc of docs.filter((d) => d.expected !== 'silent')) {
    // A large document's exposure findings come first (exposure-first.ts); its complete lint follows for the same version.
    const complete = (p) => p.version === 1 && doc.expected.every((code) => codes(p).includes(code));
    const publish = await client
      .waitForDiagnostics(doc.uri, complete, DEADLINE_MS)
      .catch(() => client.publishesFor(doc.uri).at(-1) ?? { diagnostics: [] });
    const got = codes(publish);
    for (const code of doc.expected)
      assert.ok(
        got.includes(code),
        `${doc.file}: expected ${code} in ${got}: ${publish.diagnostics
          .map((d) => d.message)
          .join(' | ')
          .slice(0, 600)}`,
      );
  }

  // A bomb edited into a good document, twice in a row: only the newest version's results remain.
  const bomb = docs[0].uri;
  await client.change(bomb, g.aliasBomb());
  sent.get(bomb).push(2);
  await client.change(bomb, g.EXTERNAL_SPEC);
  sent.get(bomb).push(3);
  const fixed = await client.waitForDiagnostics(bomb, (p) => p.version === 3, DEADLINE_MS);
  assert.deepEqual(codes(fixed), [g.GOOD_CODE]);

  const goodUri = uriOf(root.file('good.yaml'));
  await open(goodUri, g.EXTERNAL_SPEC);
  const good = await client.waitForDiagnostics(goodUri, (p) => p.version === 1, DEADLINE_MS);
  assert.deepEqual(codes(good), [g.GOOD_CODE]);

  for (const doc of docs.filter((d) => d.expected === 'silent')) {
    assert.ok(
      client.publishesFor(doc.uri).every((p) => p.diagnostics.length === 0),
      `${doc.file} is not OpenAPI: no diagnostics`,
    );
  }
  assertPublishesMatchVersions(client, sent);
  assert.equal(server.child.exitCode, null, 'the server is still running');
  assert.doesNotMatch(server.stderr(), /root:.*:0:0:/);
  assert.deepEqual(await server.stop(), { code: 0, signal: null }, server.stderr());
});

test('untrusted server: a workspace ruleset function never runs; trusted: an endless one is stopped and named', TIMEOUT, async (t) => {
  const root = await g.fixtureRoot({ 'loops/api.yaml': g.EXTERNAL_SPEC });
  t.after(() => root.remove());
  const probe = r.probeFunction(root.dir);
  await g.writeFiles(
    root.dir,
    Object.fromEntries(Object.entries(probe.files).map(([f, text]) => [`probe/${f}`, f === 'api.yaml' ? g.EXTERNAL_SPEC : text])),
  );
  await g.writeFiles(
    root.dir,
    Object.fromEntries(Object.entries(r.loopingFunction()).map(([f, text]) => [`loops/${f}`, f === 'api.yaml' ? g.EXTERNAL_SPEC : text])),
  );

  const untrusted = await startServer(t, root.dir);
  const probeUri = uriOf(root.file('probe/api.yaml'));
  await untrusted.client.open(probeUri, g.EXTERNAL_SPEC);
  const published = await untrusted.client.waitForDiagnostics(probeUri, (p) => p.version === 1, DEADLINE_MS);
  assert.ok(codes(published).includes(g.GOOD_CODE), codes(published).join());
  for (const marker of probe.markers) assert.equal(existsSync(marker), false, `${marker}: untrusted code ran in the server`);
  assert.equal((await untrusted.stop()).code, 0);

  const trusted = await startServer(t, root.dir, { args: ['--trust-workspace-code'], settings: { lintTimeoutMs: 3000 } });
  const loopsUri = uriOf(root.file('loops/api.yaml'));
  await trusted.client.open(loopsUri, g.EXTERNAL_SPEC);
  const stopped = await trusted.client.waitForDiagnostics(loopsUri, (p) => p.version === 1, DEADLINE_MS);
  assert.deepEqual(codes(stopped), [g.GOOD_CODE, 'rule-timeout'].sort());
  const goodUri = uriOf(root.file('good.yaml'));
  await trusted.client.open(goodUri, g.EXTERNAL_SPEC);
  assert.deepEqual(codes(await trusted.client.waitForDiagnostics(goodUri, (p) => p.version === 1, DEADLINE_MS)), [g.GOOD_CODE]);
  assert.equal((await trusted.stop()).code, 0);
});
