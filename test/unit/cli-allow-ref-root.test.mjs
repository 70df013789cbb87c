// The $ref allowlist: by default a $ref may only read files inside the repository; --allow-ref-root adds folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { workspace } from './helpers/engine.mjs';
import { runCliInProcess } from './helpers/cli-in-process.mjs';

const API = `openapi: 3.0.3
info: { title: Shared schemas, version: '1', x-audience: company-internal }
paths: {}
components:
  schemas:
    Money: { $ref: '../shared/schemas.yaml#/Money' }
`;

test('a $ref outside the repository is refused unless its folder is on the allowlist', async () => {
  const root = workspace({
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/api.yaml': API,
    'shared/schemas.yaml': 'Money: { type: object }\n',
  });
  const repo = path.join(root, 'repo');
  const args = ['--ruleset', 'spectral:oas', '--format', 'json', 'api.yaml'];

  const refused = JSON.parse((await runCliInProcess(repo, args)).stdout);
  const invalid = refused.filter((f) => f.code === 'invalid-ref');
  assert.equal(invalid.length, 1, JSON.stringify(refused));
  assert.match(invalid[0].message, /outside the workspace/);

  const allowed = JSON.parse((await runCliInProcess(repo, ['--allow-ref-root', '../shared', ...args])).stdout);
  assert.deepEqual(
    allowed.filter((f) => f.code === 'invalid-ref'),
    [],
  );
});
