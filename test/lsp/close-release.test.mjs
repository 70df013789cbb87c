// Closing documents gives their memory back: the backend is told which document closed (a big document's worker
// is released), closing the last one releases every worker and the quick-fix worker, and the server's own heap is
// collected then, saying so in its log. (What that frees on GitHub's spec is measured by `npm run bench`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { setup } from './helpers/client.mjs';
import { createRequire } from 'node:module';
import { nodeHost } from './helpers/backends.mjs';

const { Linter } = createRequire(import.meta.url)('../../dist/engine.js');

function spyBackend() {
  const linter = new Linter(nodeHost);
  const calls = [];
  return {
    calls,
    lint: (options) => linter.lint(options),
    invalidate: (p) => linter.invalidate(p),
    async documentClosed(filePath) {
      calls.push(`closed ${filePath}`);
    },
    async releaseWorkers() {
      calls.push('release workers');
    },
  };
}

test('closing a document tells the backend; closing the last one releases the workers and collects the heap', async (t) => {
  const backend = spyBackend();
  const fixesReleased = [];
  const fixes = { getFixes: () => [], getFixAllEdits: () => [], release: () => fixesReleased.push(true) };
  const { client, workspace, teardown } = await setup({ serverOptions: { backend, fixes } });
  t.after(teardown);
  const first = await client.openFile(workspace.file('external.yaml'));
  const second = await client.openFile(workspace.file('no-audience.yaml'));
  await client.waitForDiagnostics(first.uri);
  await client.waitForDiagnostics(second.uri);
  const collected = () =>
    client.logs.find((l) => /^Closed .*: the server's heap went from \d+ to \d+ MB after a collection/.test(l.message));

  await client.close(first.uri);
  await client.waitUntil(() => backend.calls.length > 0, 'the backend to hear of the close');
  assert.deepEqual(backend.calls, [`closed ${fileURLToPath(first.uri)}`]);
  assert.deepEqual(fixesReleased, []);
  await client.close(second.uri);
  await client.waitUntil(collected, "the server's collection after the last close");
  assert.deepEqual(backend.calls, [`closed ${fileURLToPath(first.uri)}`, 'release workers']);
  assert.deepEqual(fixesReleased, [true]);
  assert.match(collected().message, /^Closed no-audience\.yaml:/);
});
