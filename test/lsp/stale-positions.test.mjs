// Hover and CodeLens on the operation's key, with the requirements' status, and never at positions of an older
// version: while a re-lint is pending (a long debounce here), the last result is mapped to the current text or
// left out where the text it described was edited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers/client.mjs';

async function openExternal(client, workspace) {
  const { uri, text } = await client.openFile(workspace.file('external.yaml'));
  await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  return { uri, text };
}

const lensesOf = async (client, uri) =>
  (await client.request('textDocument/codeLens', { textDocument: { uri } })).map((l) => [l.range.start.line, l.command.title]);
const hoverAt = (client, uri, line, character) =>
  client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });

test('hover answers on the operation key (`get:`), with the range of the key and body', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri } = await openExternal(client, workspace);
  for (const character of [4, 5, 7]) {
    const hover = await hoverAt(client, uri, 10, character); // `    get:` on line 11 (0-based 10)
    assert.ok(hover, `hover at 10:${character}`);
    assert.match(hover.contents.value, /GET \/orders/);
    assert.deepEqual(hover.range.start, { line: 10, character: 4 });
  }
  assert.equal(await hoverAt(client, uri, 9, 2), null, 'the path key is not the operation');
});

test('the CodeLens shows which requirements are met', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 } });
  t.after(teardown);
  const { uri, text } = await openExternal(client, workspace);
  const withSamples = text.replace(
    '      tags: [orders]\n',
    '      tags: [orders]\n      x-codeSamples: [{ lang: Shell, source: curl https://api.example.com/orders }]\n',
  );
  const v2 = await client.change(uri, withSamples);
  await client.waitForDiagnostics(uri, (p) => p.version === v2);
  assert.deepEqual(await lensesOf(client, uri), [[10, 'external-public · from info.x-audience · OAuth ✗ rate limit ✗ samples ✓']]);
});

test('after an edit, before the re-lint: lens and hover follow the moved operation, and skip an edited one', async (t) => {
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 600000 } });
  t.after(teardown);
  const { uri, text } = await openExternal(client, workspace);
  assert.deepEqual(
    (await lensesOf(client, uri)).map(([line]) => line),
    [10],
  );

  // Two lines inserted above the operation: the result of version 1 is shown two lines lower.
  await client.change(uri, text.replace('paths:\n', '# reviewed\n# by the API team\npaths:\n'));
  assert.deepEqual(
    (await lensesOf(client, uri)).map(([line]) => line),
    [12],
  );
  const hover = await hoverAt(client, uri, 12, 5);
  assert.match(hover?.contents.value ?? '', /GET \/orders/);
  assert.deepEqual(hover.range.start, { line: 12, character: 4 });
  assert.equal(await hoverAt(client, uri, 10, 5), null, 'nothing where the operation used to be');

  // The operation key itself is edited: its old result no longer applies anywhere.
  await client.change(uri, text.replace('    get:\n', '    put:\n'));
  assert.deepEqual(await lensesOf(client, uri), []);
  assert.equal(await hoverAt(client, uri, 10, 5), null);
});

test('the server asks the client to refresh CodeLenses when a new result arrives', async (t) => {
  const capabilities = {
    workspace: { configuration: true, codeLens: { refreshSupport: true } },
    textDocument: { publishDiagnostics: { versionSupport: true } },
  };
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0 }, capabilities });
  t.after(teardown);
  let refreshes = 0;
  client.connection.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    client.record([]);
    return null;
  });
  await openExternal(client, workspace);
  await client.waitUntil(() => refreshes > 0, 'a codeLens refresh request');
});
