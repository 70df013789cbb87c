// Proof by observation, not by reading the code: the CLI runs under strace while it lints escaping
// $refs, remote $refs and untrusted workspace code, and the trace shows every file it opened (main
// thread and lint workers), every connect() and every program it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as g from './helpers/generate.mjs';
import * as r from './helpers/rulesets.mjs';
import { assertWellBehaved, codesOf, findingsOf, REPO, runCli, CHILD_ENV } from './helpers/cli.mjs';
import { startRecordingServer } from './helpers/http-server.mjs';
import { HAS_STRACE, openedOutside, readTrace, stracePrefix } from './helpers/strace.mjs';

const OPTIONS = { timeout: 120_000, skip: HAS_STRACE ? false : 'strace is not installed (apt-get install strace)' };
const NO_PROXY_ENV = Object.fromEntries(Object.entries(CHILD_ENV).filter(([key]) => !/_proxy$/i.test(key)));
const refs = (targets) => g.specWith(`components:\n  schemas:\n${targets.map((t, i) => `    R${i}: { $ref: '${t}' }\n`).join('')}`);

let root;
let server;
let probe;
test.before(async () => {
  if (!HAS_STRACE) return;
  server = await startRecordingServer({ '/schema.yaml': 'type: string\n', '/ruleset.yaml': 'rules: {}\n' });
  root = await g.fixtureRoot({
    'good.yaml': g.EXTERNAL_SPEC,
    'escapes.yaml': refs([
      '../../../../../../../../etc/passwd',
      '/etc/passwd',
      'file:///etc/shadow',
      'file:///dev/zero',
      'file:///proc/self/environ',
      './links/passwd.yaml',
      './links/zero.yaml',
      './links/fifo.yaml',
      server.url('/schema.yaml'),
      './schemas/inside.yaml',
    ]),
    'schemas/inside.yaml': 'type: string\n',
    'remote-extends/.spectral.yaml': `extends: ['${server.url('/ruleset.yaml')}']\n`,
    'remote-extends/api.yaml': g.EXTERNAL_SPEC,
  });
  probe = r.probeFunction(root.dir);
  await g.writeFiles(
    root.dir,
    Object.fromEntries(Object.entries(probe.files).map(([f, t]) => [`probe/${f}`, f === 'api.yaml' ? g.EXTERNAL_SPEC : t])),
  );
  await fs.mkdir(root.file('links'));
  await fs.symlink('/etc/passwd', root.file('links/passwd.yaml'));
  await fs.symlink('/dev/zero', root.file('links/zero.yaml'));
  execFileSync('mkfifo', [root.file('links/fifo.yaml')]);
});
test.after(async () => {
  await root?.remove();
  await server?.close();
});

async function traced(args, label) {
  const log = root.file(`../${path.basename(root.dir)}.${label}.strace`);
  const run = await runCli(args, { cwd: root.dir, prefix: stracePrefix(log), env: NO_PROXY_ENV });
  const trace = await readTrace(log, root.dir);
  await fs.rm(log, { force: true });
  return { run, trace };
}

test(
  'linting escaping $refs, a remote $ref and untrusted code: no file outside the roots is opened, no connect(), no child process',
  OPTIONS,
  async () => {
    server.requests.length = 0;
    const { run, trace } = await traced(['--format', 'json', 'good.yaml', 'escapes.yaml', 'probe/api.yaml'], 'lint');
    assertWellBehaved(run, 'traced lint', { allowedCodes: [1] });
    assert.deepEqual(codesOf(findingsOf(run, 'good.yaml')), [g.GOOD_CODE]);
    assert.equal(findingsOf(run, 'escapes.yaml').filter((f) => f.code === 'invalid-ref').length, 9);

    assert.ok(
      trace.opened.some((o) => o.file === root.file('good.yaml')),
      'the trace saw the linted files (strace works)',
    );
    // $refs are read in the lint worker thread: this one is inside the root, so it is read, and seen.
    assert.ok(
      trace.opened.some((o) => o.file === root.file('schemas/inside.yaml') && o.ok),
      'the trace covers worker threads',
    );
    assert.deepEqual(openedOutside(trace.opened, [REPO, root.dir]), [], 'files opened outside the repository and the fixture root');
    for (const secret of ['/etc/passwd', '/etc/shadow', '/dev/zero', '/proc/self/environ', root.file('links/fifo.yaml')]) {
      assert.equal(
        trace.opened.some((o) => o.file === secret),
        false,
        `${secret} was opened`,
      );
    }
    assert.deepEqual(trace.connects, [], 'connect() was attempted');
    assert.deepEqual(trace.execs, [process.execPath], 'a program other than node was started');
    assert.deepEqual(server.requests, []);
    for (const marker of probe.markers) await assert.rejects(fs.access(marker), `${marker}: untrusted code ran`);
  },
);

test('a remote extends, not enabled: no connect() either', OPTIONS, async () => {
  const { run, trace } = await traced(['--format', 'json', 'remote-extends/api.yaml'], 'extends');
  assertWellBehaved(run, 'traced extends', { allowedCodes: [2] });
  assert.deepEqual(trace.connects, []);
  assert.deepEqual(openedOutside(trace.opened, [REPO, root.dir]), []);
});

test('with --allow-remote the trace does show the connection (the probe can see one)', OPTIONS, async () => {
  const { run, trace } = await traced(['--format', 'json', '--allow-remote', 'remote-extends/api.yaml'], 'online');
  assert.equal(run.hung, false);
  assert.ok(
    trace.connects.some((line) => line.includes(`htons(${server.port})`) && line.includes('127.0.0.1')),
    trace.connects.join('\n'),
  );
});
