// The standalone server: `node dist/server.js --stdio`, as other editors start it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { makeWorkspace, SERVER_BUNDLE, TestClient } from './helpers/client.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

test('node dist/server.js --stdio speaks LSP: initialize, diagnostics, shutdown, exit', async (t) => {
  const workspace = await makeWorkspace();
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, SCARF_ANALYTICS: 'false' },
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const client = new TestClient(createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
  t.after(async () => {
    client.dispose();
    if (child.exitCode === null) child.kill();
    await workspace.remove();
  });

  const init = await client.initialize(workspace.dir);
  assert.equal(init.serverInfo.name, 'api-exposure-lint');
  assert.ok(init.capabilities.hoverProvider);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  const publish = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  assert.ok(publish.diagnostics.some((d) => d.code === 'external-oauth2'));

  await client.shutdown();
  await client.notify('exit');
  assert.equal(await exited, 0, `stderr: ${stderr}`);
});
