// $refs that try to leave the repository, reach devices or hang on a FIFO, and remote $refs / extends
// that must not be fetched unless --allow-remote is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as g from './helpers/generate.mjs';
import { assertWellBehaved, codesOf, findingsOf, runCli, CHILD_ENV } from './helpers/cli.mjs';
import { startRecordingServer } from './helpers/http-server.mjs';

const TIMEOUT = { timeout: 120_000 };
const refSpec = (target) => g.specWith(`components:\n  schemas:\n    Evil:\n      $ref: '${target}'\n`);
const PASSWD_LINE = /root:.*:0:0:/;
// Known gap (server/src/node/host.ts, not ours): undici prints this experimental warning the first time it fetches.
const UNDICI_WARNING = /^\(node:\d+\) \[UNDICI-EHPA\] Warning: EnvHttpProxyAgent is experimental.*\n(?:\(Use `node --trace-warnings.*\n)?/m;
const withoutKnownWarning = (run) => ({ ...run, stderr: run.stderr.replace(UNDICI_WARNING, '') });

/** file → $ref target; every one must become an invalid-ref finding, quickly, without reading the target. */
const ESCAPES = {
  'dotdot-passwd.yaml': '../../../../../../../../../../etc/passwd',
  'absolute-passwd.yaml': '/etc/passwd',
  'file-url-passwd.yaml': 'file:///etc/passwd',
  'dev-zero.yaml': '/dev/zero',
  'file-url-dev-zero.yaml': 'file:///dev/zero',
  'file-url-dev-random.yaml': 'file:///dev/random',
  'dev-random.yaml': '../../../../../../../../../../dev/random',
  'proc-self.yaml': 'file:///proc/self/environ',
  'symlink-passwd.yaml': './links/passwd.yaml',
  'symlink-zero.yaml': './links/zero.yaml',
  'symlinked-dir.yaml': './links/etc/passwd',
  'fifo.yaml': './links/fifo.yaml',
};

let root;
let server;
const NO_PROXY_ENV = Object.fromEntries(Object.entries(CHILD_ENV).filter(([key]) => !/_proxy$/i.test(key)));

test.before(async () => {
  server = await startRecordingServer({
    '/schema.yaml': 'type: object\nproperties: { id: { type: string } }\n',
    '/ruleset.yaml':
      'rules:\n  remote-rule:\n    severity: error\n    given: $.info\n    then: { field: x-remote-marker, function: truthy }\n',
  });
  root = await g.fixtureRoot({
    'good.yaml': g.EXTERNAL_SPEC,
    ...Object.fromEntries(Object.entries(ESCAPES).map(([file, target]) => [file, refSpec(target)])),
    'remote-ref.yaml': refSpec(server.url('/schema.yaml')),
    'remote-extends/.spectral.yaml': `extends: ['${server.url('/ruleset.yaml')}']\n`,
    'remote-extends/api.yaml': g.EXTERNAL_SPEC,
  });
  await fs.mkdir(root.file('links'));
  await fs.symlink('/etc/passwd', root.file('links/passwd.yaml'));
  await fs.symlink('/dev/zero', root.file('links/zero.yaml'));
  await fs.symlink('/etc', root.file('links/etc'));
  execFileSync('mkfifo', [root.file('links/fifo.yaml')]);
});
test.after(async () => {
  await root?.remove();
  await server?.close();
});

test('$refs out of the repository, to devices, through symlinks or to a FIFO are refused, not read', TIMEOUT, async () => {
  const run = await runCli(['--format', 'json', 'good.yaml', ...Object.keys(ESCAPES)], { cwd: root.dir });
  assertWellBehaved(run, 'escapes', { allowedCodes: [1] });
  assert.doesNotMatch(run.stdout + run.stderr, PASSWD_LINE, 'content of /etc/passwd leaked');
  assert.deepEqual(codesOf(findingsOf(run, 'good.yaml')), [g.GOOD_CODE]);
  for (const file of Object.keys(ESCAPES)) {
    const refs = findingsOf(run, file).filter((f) => f.code === 'invalid-ref');
    assert.equal(refs.length, 1, `${file}: ${JSON.stringify(findingsOf(run, file))}`);
    assert.match(refs[0].message, /refused|ENOENT|no such file/, `${file}: ${refs[0].message}`);
    assert.deepEqual(refs[0].path.slice(0, 3), ['components', 'schemas', 'Evil'], file);
  }
  // The refusals that matter name the reason.
  const message = (file) => findingsOf(run, file).find((f) => f.code === 'invalid-ref').message;
  assert.match(message('dotdot-passwd.yaml'), /outside the workspace/);
  assert.match(message('symlink-passwd.yaml'), /a link to \/etc\/passwd\) refused: outside the workspace/);
  assert.match(message('symlink-zero.yaml'), /not a regular file/);
  assert.match(message('fifo.yaml'), /not a regular file/);
});

test('a remote $ref is not fetched without --allow-remote (no request arrives), and is with it', TIMEOUT, async () => {
  server.requests.length = 0;
  const offline = await runCli(['--format', 'json', 'remote-ref.yaml'], { cwd: root.dir, env: NO_PROXY_ENV });
  assertWellBehaved(offline, 'remote ref offline', { allowedCodes: [1] });
  assert.deepEqual(server.requests, []);
  const [refused] = findingsOf(offline, 'remote-ref.yaml').filter((f) => f.code === 'invalid-ref');
  assert.match(refused.message, /not fetched/);

  const online = await runCli(['--format', 'json', '--allow-remote', 'remote-ref.yaml'], { cwd: root.dir, env: NO_PROXY_ENV });
  assertWellBehaved(withoutKnownWarning(online), 'remote ref online', { allowedCodes: [0, 1] });
  assert.deepEqual(server.requests, ['/schema.yaml']);
  assert.deepEqual(
    findingsOf(online, 'remote-ref.yaml').filter((f) => f.code === 'invalid-ref'),
    [],
  );
});

test('a remote extends is refused without --allow-remote (exit 2, one line, no request), and applies with it', TIMEOUT, async () => {
  server.requests.length = 0;
  const offline = await runCli(['--format', 'json', 'remote-extends/api.yaml'], { cwd: root.dir, env: NO_PROXY_ENV });
  assertWellBehaved(offline, 'remote extends offline', { allowedCodes: [2] });
  assert.deepEqual(server.requests, []);
  const lines = offline.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, offline.stderr);
  assert.match(lines[0], /remote ruleset .* not fetched/);

  const online = await runCli(['--format', 'json', '--allow-remote', 'remote-extends/api.yaml'], { cwd: root.dir, env: NO_PROXY_ENV });
  assertWellBehaved(withoutKnownWarning(online), 'remote extends online', { allowedCodes: [1] });
  assert.deepEqual(server.requests, ['/ruleset.yaml']);
  assert.deepEqual(codesOf(findingsOf(online, 'remote-extends/api.yaml')), ['remote-rule']);
});

test('fetching with --allow-remote prints no Node warning on stderr', TIMEOUT, async () => {
  const online = await runCli(['--format', 'json', '--allow-remote', 'remote-ref.yaml'], { cwd: root.dir, env: NO_PROXY_ENV });
  assert.doesNotMatch(online.stderr, UNDICI_WARNING);
});
