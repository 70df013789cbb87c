// Containment and network settings reach the lint: the $ref allowlist (apiExposureLint.allowedRefRoots) and
// remote rulesets fetched through the editor's proxy (initializationOptions.proxy, VS Code's http.proxy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { setup, codesOf } from './helpers/client.mjs';
import { startLoopbackProxy } from '../shared/loopback-proxy.mjs';
import { scratchDirAsync } from '../shared/scratch.mjs';

test('a $ref outside the workspace is reported until its folder is on allowedRefRoots', async (t) => {
  const outside = await scratchDirAsync('ael-outside-');
  await fs.writeFile(path.join(outside, 'schemas.yaml'), 'Money: { type: object }\n');
  const { client, workspace, teardown } = await setup({ settings: { debounceMs: 0, rulesetFile: 'spectral:oas' } });
  t.after(async () => {
    await teardown();
    await fs.rm(outside, { recursive: true, force: true });
  });
  const file = workspace.file('shared-refs.yaml');
  await fs.writeFile(
    file,
    `openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Money: { $ref: '${path.relative(workspace.dir, path.join(outside, 'schemas.yaml'))}#/Money' }\n`,
  );
  const { uri } = await client.openFile(file);
  const refused = await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('invalid-ref'));
  assert.match(refused.diagnostics.find((d) => d.code === 'invalid-ref').message, /outside the workspace/);

  await client.changeSettings({ debounceMs: 0, rulesetFile: 'spectral:oas', allowedRefRoots: [outside] });
  await client.waitForDiagnostics(uri, (p) => !codesOf(p).includes('invalid-ref'));
});

test('remote rulesets are fetched through the proxy the client names, when remote rulesets are allowed', async (t) => {
  const origin = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'application/yaml');
    res.end('rules:\n  team-remote-rule:\n    given: $.info\n    severity: warn\n    then: { field: x-team, function: truthy }\n');
  });
  const proxy = await startLoopbackProxy();
  await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${origin.address().port}/team-ruleset.yaml`;
  const { client, workspace, teardown } = await setup({
    settings: { debounceMs: 0, allowRemote: true },
    initializationOptions: { proxy: { url: proxy.url } },
  });
  t.after(async () => {
    await teardown();
    origin.close();
    proxy.close();
  });
  await fs.writeFile(workspace.file('.spectral.yaml'), `extends: ["${url}"]\n`);
  const { uri } = await client.openFile(workspace.file('external.yaml'));
  await client.waitForDiagnostics(uri, (p) => codesOf(p).includes('team-remote-rule'));
  assert.equal(proxy.requests.length, 1, 'the ruleset came through the proxy');
});
