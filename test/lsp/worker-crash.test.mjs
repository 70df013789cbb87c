// A lint worker that dies (process.exit or an uncaught exception in a rule function of a trusted
// workspace) is replaced: the document it was linting shows one diagnostic saying what happened, never
// a half-finished result; it is linted again on its next change; the other open documents are not affected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setup, codesOf } from './helpers/client.mjs';

/** A rule function that kills its worker when the document asks for it (`info.x-crash`). */
const KILLER = `module.exports = function killer(info) {
  if (info && info['x-crash'] === 'exit') process.exit(3);
  if (info && info['x-crash'] === 'uncaught') {
    setImmediate(() => { throw new Error('uncaught in a rule'); });
    return new Promise(() => {});
  }
  return [];
};
`;

const spec = (crash) => `openapi: 3.0.3
info:
  title: Orders
  version: 1.0.0
  description: Orders.
  contact: { name: Team, email: team@example.com }
  x-audience: external-public${crash ? `\n  x-crash: ${crash}` : ''}
servers:
  - url: https://api.example.com
paths:
  /orders:
    get:
      operationId: listOrders
      summary: List orders
      description: Lists the orders.
      tags: [orders]
      responses:
        '200':
          description: The orders.
tags:
  - name: orders
    description: Orders.
`;

function crashWorkspace(dir) {
  const folder = path.join(dir, 'crash');
  mkdirSync(path.join(folder, 'functions'), { recursive: true });
  writeFileSync(
    path.join(folder, '.spectral.yaml'),
    "extends: ['api-exposure-lint:recommended']\nfunctions: [killer]\nrules:\n  killer-rule:\n    severity: error\n    given: $.info\n    then: { function: killer }\n",
  );
  writeFileSync(path.join(folder, 'functions', 'killer.js'), KILLER);
  return folder;
}

/** Fresh workers load Spectral and bundle the ruleset: slow on a loaded machine, so the deadlines are generous. */
const DEADLINE = 120000;
const isNormalLint = (p) => codesOf(p).includes('external-oauth2') && !codesOf(p).includes('lint-error');

for (const [kind, reason] of [
  [
    'exit',
    /Linting stopped: the lint worker crashed: it exited unexpectedly \(exit code 3\) while rule "killer-rule" was running\. The worker was replaced; this document is linted again on its next change\./,
  ],
  ['uncaught', /Linting stopped: the lint worker crashed: uncaught in a rule/],
]) {
  test(`a worker killed by a rule (${kind}) is replaced; one diagnostic on that document; the good document is unaffected`, async (t) => {
    const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, initializationOptions: { workspaceTrusted: true } });
    t.after(teardown);
    const folder = crashWorkspace(workspace.dir);
    const goodUri = workspace.uri('crash/good.yaml');
    const badUri = workspace.uri('crash/bad.yaml');
    writeFileSync(path.join(folder, 'good.yaml'), spec());
    writeFileSync(path.join(folder, 'bad.yaml'), spec(kind));

    await client.open(goodUri, spec());
    await client.open(badUri, spec(kind));
    const crashed = await client.waitForDiagnostics(badUri, (p) => p.version === 1 && p.diagnostics.length > 0, DEADLINE);
    assert.deepEqual(codesOf(crashed), ['lint-error'], 'one diagnostic, nothing of the half-finished lint');
    assert.match(crashed.diagnostics[0].message, reason);
    assert.deepEqual(crashed.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const good = await client.waitForDiagnostics(goodUri, (p) => p.version === 1 && p.diagnostics.length > 0, DEADLINE);
    assert.ok(isNormalLint(good), `the good document is linted normally: ${codesOf(good)}`);

    // The good document keeps working with the replaced worker(s).
    const goodV2 = await client.change(goodUri, spec() + '# edited\n');
    assert.ok(isNormalLint(await client.waitForDiagnostics(goodUri, (p) => p.version === goodV2, DEADLINE)));
    // The crashed document is linted again on its next change: still crashing, still one diagnostic …
    const badV2 = await client.change(badUri, spec(kind) + '# still crashing\n');
    const again = await client.waitForDiagnostics(badUri, (p) => p.version === badV2, DEADLINE);
    assert.deepEqual(codesOf(again), ['lint-error']);
    // … and once the trigger is gone, its real results.
    const badV3 = await client.change(badUri, spec());
    assert.ok(isNormalLint(await client.waitForDiagnostics(badUri, (p) => p.version === badV3, DEADLINE)));

    // Every publish of the crashing versions was exactly that one diagnostic.
    for (const publish of client.publishesFor(badUri).filter((p) => p.version === 1 || p.version === badV2)) {
      assert.deepEqual(codesOf(publish), ['lint-error']);
    }
    // And the good document never saw the crash.
    assert.ok(client.publishesFor(goodUri).every((p) => !codesOf(p).includes('lint-error')));
  });
}

test('a quick-fix computation that fails (its worker died) is said in one message; the next request works', async (t) => {
  const { createRequire } = await import('node:module');
  const engine = createRequire(import.meta.url)('../../dist/engine.js');
  let failNext = true;
  const fixes = {
    getFixes: async (...args) => {
      if (failNext) {
        failNext = false;
        throw new Error('the quick-fix worker exited');
      }
      return engine.getFixes(...args);
    },
    getFixAllEdits: engine.getFixAllEdits,
  };
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, serverOptions: { fixes } });
  t.after(teardown);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, DEADLINE);
  const oauth = publish.diagnostics.find((d) => d.code === 'external-oauth2');
  const request = () =>
    client.request('textDocument/codeAction', { textDocument: { uri }, range: oauth.range, context: { diagnostics: [oauth] } });
  assert.deepEqual(await request(), []);
  const message = await client.waitUntil(
    () => client.messages.find((m) => /quick fixes could not be computed/.test(m.message)),
    'the message',
    DEADLINE,
  );
  assert.equal(message.type, 2);
  assert.match(message.message, /the quick-fix worker exited/);
  assert.ok(
    (await request()).some((a) => a.isPreferred && a.edit),
    'the next request gets its fixes',
  );
});
